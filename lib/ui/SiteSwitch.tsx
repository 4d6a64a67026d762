/**
 * Two switches for the popup: Backstory on this site, and a pause for every
 * site. Changes apply to open tabs at once (they watch the same storage).
 */
import { useEffect, useState } from 'preact/hooks';
import { readRunSettings, setPaused, setSiteEnabled, watchRunSettings } from '../settings';
import { isActiveOn, siteKey, type RunSettings } from '../sites';

export interface SiteSwitchProps {
  /** The current tab's hostname; empty or undefined on pages Backstory never runs on. */
  hostname?: string;
}

export function SiteSwitch({ hostname }: SiteSwitchProps) {
  const [settings, setSettings] = useState<RunSettings | null>(null);
  useEffect(() => {
    void readRunSettings().then(setSettings);
    return watchRunSettings(setSettings);
  }, []);
  if (!settings) return null;
  const site = hostname ? siteKey(hostname) : '';
  const siteOn = site ? !settings.disabledSites.includes(site) : false;
  const active = site ? isActiveOn(site, settings) : false;
  return (
    <div class="site-switch" role="group" aria-label="Where Backstory runs">
      {site && (
        <label>
          <input type="checkbox" checked={siteOn} onChange={(e) => void setSiteEnabled(site, e.currentTarget.checked)} /> Show names on {site}
        </label>
      )}
      <label>
        <input type="checkbox" checked={settings.paused} onChange={(e) => void setPaused(e.currentTarget.checked)} /> Pause on all sites
      </label>
      <p class="site-switch-status" aria-live="polite">
        {site ? (active ? `On for ${site}` : settings.paused ? 'Paused everywhere' : `Off for ${site}`) : 'Backstory does not run on this page'}
      </p>
    </div>
  );
}
