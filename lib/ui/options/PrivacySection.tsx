/**
 * "Also mark names from my own articles": off by default, with the trade-off
 * stated next to it. The background reads the same stored item.
 */
import { useEffect, useState } from 'preact/hooks';

/** The stored boolean (lib/settings.ts markUserNamesItem), or a stand-in in tests. */
export interface BooleanSetting {
  getValue(): Promise<boolean>;
  setValue(value: boolean): Promise<void>;
  watch(changed: (value: boolean) => void): () => void;
}

export function PrivacySection({ setting }: { setting: BooleanSetting }) {
  const [value, setValue] = useState<boolean | null>(null);
  useEffect(() => {
    void setting.getValue().then(setValue);
    return setting.watch((v) => setValue(v));
  }, [setting]);

  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Names from your own articles</h2>
      <p>
        On web pages, Backstory underlines the names its bundled corpus knows. Names known only from your own articles are not underlined:
        a page’s scripts can read every underline, so underlining them would tell the sites you visit which names your articles contain.
        Hovering such a name still opens its card.
      </p>
      <label class="setting">
        <input
          type="checkbox"
          aria-describedby="mark-user-names-tradeoff"
          checked={value ?? false}
          disabled={value === null}
          onChange={(e) => void setting.setValue(e.currentTarget.checked)}
        />{' '}
        Also mark names from my own articles
      </label>
      <p id="mark-user-names-tradeoff" class="meta">
        You see those names underlined too, but the pages you visit can then learn which names your own articles contain.
      </p>
    </section>
  );
}
