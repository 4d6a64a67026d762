/**
 * The options page: the user's own corpus. Import, what is stored and where
 * it came from, export, the privacy choice for names, and storage.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WorkerLike } from '../../import/client';
import type { BackstoryDb } from '../../store/db';
import { payAbandonedCounts } from '../../store/merge';
import { useLiveQuery } from '../useLiveQuery';
import { corpusOverview } from './corpus-overview';
import { CorpusSection } from './CorpusSection';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { PrivacySection, type BooleanSetting } from './PrivacySection';
import { StorageSection, type StorageAccess } from './StorageSection';

export interface OptionsProps {
  db: BackstoryDb;
  createImportWorker: () => WorkerLike;
  markUserNames: BooleanSetting;
  storage?: StorageAccess;
}

export function Options({ db, createImportWorker, markUserNames, storage }: OptionsProps) {
  const overview = useLiveQuery(() => corpusOverview(db), []);
  const [stored, setStored] = useState(0);
  // An import cancelled, or cut short by a closed page, leaves the entities' counts of the batches it stored owed (lib/store/pending-counts.ts).
  const payOwedCounts = () => void payAbandonedCounts(db).catch((error: unknown) => console.error('Backstory: paying counts owed by a stopped import failed:', error));
  useEffect(payOwedCounts, []);
  const userArticles = overview.value?.userArticles ?? 0;
  return (
    <main class="options">
      <header>
        <h1>Backstory — your articles</h1>
        <p>Everything here stays in this browser. Backstory sends nothing anywhere.</p>
      </header>
      <ImportSection createWorker={createImportWorker} onStored={() => setStored((n) => n + 1)} onEnded={payOwedCounts} />
      <CorpusSection db={db} overview={overview} />
      <ExportSection db={db} userArticles={userArticles} />
      <PrivacySection setting={markUserNames} />
      <StorageSection storage={storage} changes={overview.value} persistAsked={stored} />
    </main>
  );
}
