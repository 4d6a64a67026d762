/**
 * Where Backstory runs: a global pause and a list of sites where it is off.
 * Stored in the extension's local storage (storage-item.ts): it survives
 * restarts, and the background sees a change at once (storage watch) and
 * applies it to the marks' styles, to the pages it reads, and to open tabs.
 */
import { localItem } from './storage-item';
import { SETTINGS_KEYS } from './storage-keys';
import { siteKey, type RunSettings } from './sites';

export const pausedItem = localItem<boolean>(SETTINGS_KEYS.paused, false);
export const disabledSitesItem = localItem<string[]>(SETTINGS_KEYS.disabledSites, []);
/**
 * Underline on web pages also the names known only from the user's own articles.
 * Off by default: a page's scripts can read every underline, so marking those
 * names would tell the sites the user visits what the user's articles contain.
 */
export const markUserNamesItem = localItem<boolean>(SETTINGS_KEYS.markUserNames, false);
/** A search the card asked for, waiting for the popup to pick it up (content scripts cannot open the popup themselves). */
export const popupQueryItem = localItem<string | null>(SETTINGS_KEYS.popupQuery, null);


export async function readRunSettings(): Promise<RunSettings> {
  const [paused, disabledSites] = await Promise.all([pausedItem.getValue(), disabledSitesItem.getValue()]);
  return { paused, disabledSites };
}

/** Calls `changed` with the new settings whenever either item changes; returns the unwatch function. */
export function watchRunSettings(changed: (settings: RunSettings) => void): () => void {
  const again = () => void readRunSettings().then(changed, () => undefined);
  const unwatch = [pausedItem.watch(again), disabledSitesItem.watch(again)];
  return () => unwatch.forEach((u) => u());
}

export async function setSiteEnabled(hostname: string, enabled: boolean): Promise<void> {
  const key = siteKey(hostname);
  const sites = (await disabledSitesItem.getValue()).filter((s) => s !== key);
  await disabledSitesItem.setValue(enabled ? sites : [...sites, key].sort());
}

export function setPaused(paused: boolean): Promise<void> {
  return pausedItem.setValue(paused);
}
