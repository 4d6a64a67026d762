/**
 * Keeps the names script registered where Backstory is on, and applies a
 * change of the settings to open tabs at once: the script is injected where it
 * turned on and stopped where it turned off. The script itself reads no
 * settings and listens for none, so it costs nothing before it starts work.
 */
import { browser } from 'wxt/browser';
import {
  hostnameOf,
  isActiveOn,
  NAMES_SCRIPT,
  namesScriptRegistration,
  parseRunSettings,
  RUN_SETTINGS_KEYS,
  settingsChange,
  type RunSettings,
} from '../../lib/match/run-settings';

const readSettings = () => browser.storage.local.get(RUN_SETTINGS_KEYS).then(parseRunSettings);

/**
 * Whether Backstory is on in the tab at `tabUrl`. Frames ask this before they
 * scan: the registration excludes sites by the frame's own address, while the
 * user's switch goes by the tab's.
 */
export async function isActiveInTab(tabUrl: string | undefined): Promise<boolean> {
  const hostname = hostnameOf(tabUrl);
  return hostname !== null && isActiveOn(hostname, await readSettings());
}

/** Nothing runs anywhere: what tabs hold before an install injects the script into them. */
const NOWHERE: RunSettings = { paused: true, disabledSites: [] };

export function setupNamesScript(): void {
  // One change at a time: registering and injecting are asynchronous, and two at once would race.
  let queue = Promise.resolve();
  const apply = (after: RunSettings, before: RunSettings | null) => {
    queue = queue
      .then(async () => {
        await register(after);
        if (before) await applyToTabs(before, after);
      })
      .catch((error) => console.error('Backstory could not apply its settings to pages:', error));
  };
  const current = readSettings();
  void current.then((settings) => apply(settings, null));
  // Registered at once, so a change wakes this worker; the change carries both states.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    void browser.storage.local.get(RUN_SETTINGS_KEYS).then((values) => {
      const change = settingsChange(changes, values);
      if (change) apply(change.after, change.before);
    });
  });
  // Tabs open before an install or update have no (or an orphaned) names script: give them one.
  browser.runtime.onInstalled.addListener(() => void current.then((settings) => apply(settings, NOWHERE)));
}

async function register(settings: RunSettings): Promise<void> {
  const script = namesScriptRegistration(settings);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [NAMES_SCRIPT.id] });
  if (!script) {
    if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [NAMES_SCRIPT.id] });
  } else if (registered.length) {
    // Without the key, an update would keep the old exclusions.
    await browser.scripting.updateContentScripts([{ excludeMatches: [], ...script }]);
  } else {
    await browser.scripting.registerContentScripts([script]);
  }
}

/** Starts or stops the script in every frame of the tabs whose state the change flips. */
async function applyToTabs(before: RunSettings, after: RunSettings): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...NAMES_SCRIPT.matches] });
  await Promise.all(
    tabs.map(async (tab) => {
      const hostname = hostnameOf(tab.url);
      if (tab.id === undefined || hostname === null) return;
      const on = isActiveOn(hostname, after);
      if (on === isActiveOn(hostname, before)) return;
      const target = { tabId: tab.id, allFrames: true };
      try {
        if (on) {
          await browser.scripting.insertCSS({ target, files: [NAMES_SCRIPT.css] });
          await browser.scripting.executeScript({ target, files: [NAMES_SCRIPT.file] });
        }
        else await browser.scripting.executeScript({ target, func: stopInstance, args: [NAMES_SCRIPT.instanceKey] });
      } catch {
        // A tab the extension may not script (the Web Store, a page still loading its first frame): nothing to apply.
      }
    }),
  );
}

/** Runs in the page's frames, in the names script's isolated world: serialised, so it may use nothing from outside. */
function stopInstance(key: string): void {
  (globalThis as unknown as Record<string, { stop(): void } | undefined>)[key]?.stop();
}
