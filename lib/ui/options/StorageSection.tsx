/**
 * How much of the browser's storage Backstory uses, and whether the browser
 * has agreed to keep it (navigator.storage.persist()) rather than clear it
 * when space runs low.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatBytes } from '../../import/files';

/** The part of navigator.storage this section uses; absent where the browser has none. */
export type StorageAccess = Pick<StorageManager, 'estimate' | 'persisted' | 'persist'>;

type Persistence = 'unknown' | 'kept' | 'not-kept' | 'declined';

export function StorageSection({ storage, changes, persistAsked }: { storage?: StorageAccess; changes: unknown; persistAsked: number }) {
  const [usage, setUsage] = useState<number | null>(null);
  const [persistence, setPersistence] = useState<Persistence>('unknown');

  // Re-estimate whenever the corpus changes (imports, deletes).
  useEffect(() => {
    void storage?.estimate().then((e) => setUsage(e.usage ?? null), () => setUsage(null));
  }, [storage, changes]);
  useEffect(() => {
    void storage?.persisted().then((kept) => setPersistence(kept ? 'kept' : 'not-kept'), () => undefined);
  }, [storage]);

  const ask = async () => {
    if (!storage) return;
    const granted = await storage.persist().catch(() => false);
    setPersistence(granted ? 'kept' : 'declined');
  };
  // The page asks once an import stored articles: that is when there is something of the user's to lose.
  useEffect(() => {
    if (persistAsked > 0 && persistence === 'not-kept') void ask();
  }, [persistAsked]);

  if (!storage) {
    return (
      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">Storage</h2>
        <p>This browser does not say how much storage Backstory uses.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      <p id="storage-usage">{usage === null ? 'Measuring the storage used…' : `Backstory uses ${formatBytes(usage)} of this browser’s storage.`}</p>
      <p id="storage-persistence" role="status" aria-live="polite">
        {persistence === 'kept' && 'The browser keeps Backstory’s data: it will not clear it to make room.'}
        {persistence === 'not-kept' && 'The browser may clear Backstory’s data when it runs short of space.'}
        {persistence === 'declined' &&
          'The browser declined to keep Backstory’s data for good: it may still clear it when it runs short of space. Export your articles to keep a copy.'}
      </p>
      {persistence !== 'kept' && (
        <button type="button" onClick={() => void ask()}>
          Ask the browser to keep my data
        </button>
      )}
    </section>
  );
}
