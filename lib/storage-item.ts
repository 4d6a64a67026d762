/**
 * One value in the extension's local storage, with a fallback: all Backstory
 * asks of a setting (read it, write it, hear of changes). A few lines over
 * browser.storage in place of @wxt-dev/storage, whose metadata, versions and
 * migrations Backstory never used: they were 3.6 kB gzip of the background's
 * script, which every start of its worker parses. Values are stored as given
 * (null included), as that library stored them.
 */
import { browser, type Browser } from 'wxt/browser';

export interface StorageItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls `changed` with each new value (the fallback once removed); returns the function that stops it. */
  watch(changed: (value: T) => void): () => void;
}

export function localItem<T>(key: string, fallback: T): StorageItem<T> {
  const valueOf = (stored: unknown): T => (stored ?? fallback) as T;
  return {
    getValue: async () => valueOf((await browser.storage.local.get(key))[key]),
    setValue: (value) => browser.storage.local.set({ [key]: value }),
    watch(changed) {
      const listener = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
        if (area === 'local' && key in changes) changed(valueOf(changes[key].newValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
