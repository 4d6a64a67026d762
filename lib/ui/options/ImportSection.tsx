/**
 * Import: many files at once, by picker or drag and drop, in the import
 * worker; a progress bar, a cancel button, and every refused file with its reason.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { importLabel, startImport, type ImportHandle, type ImportOutcome, type WorkerLike } from '../../import/client';
import { ACCEPTED_EXTENSIONS, formatBytes, MAX_IMPORT_FILE_BYTES } from '../../import/files';
import { emptyProgress, type ImportProgress } from '../../import/progress';
import { plural } from '../format';

export interface ImportSectionProps {
  createWorker: () => WorkerLike;
  /** Called when an import stored articles (the page then asks the browser to keep the data). */
  onStored?: () => void;
  /** Called when an import ended, however it ended. */
  onEnded?: (outcome: ImportOutcome) => void;
}

export function ImportSection({ createWorker, onStored, onEnded }: ImportSectionProps) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [dragging, setDragging] = useState(false);
  const handle = useRef<ImportHandle | null>(null);
  const running = progress !== null && outcome === null;

  // Leaving the page ends the worker with it; the file in progress is then not stored.
  useEffect(() => () => handle.current?.cancel(), []);

  const start = (files: File[]) => {
    if (running || files.length === 0) return;
    setOutcome(null);
    setProgress(emptyProgress(files.length));
    const current = startImport(createWorker, files, importLabel(new Date()), setProgress);
    handle.current = current;
    void current.finished.then((result) => {
      handle.current = null;
      setProgress(result);
      setOutcome(result);
      if (result.articlesAdded + result.articlesUpdated > 0) onStored?.();
      onEnded?.(result);
    });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start([...(event.dataTransfer?.files ?? [])]);
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import articles</h2>
      <p>
        Add your own articles: text files in the format of Backstory’s corpus (<code>.txt</code>, one paragraph a line), web pages saved from
        the browser (<code>.html</code>), or a file exported from Backstory (<code>.json</code>). Up to {formatBytes(MAX_IMPORT_FILE_BYTES)} a
        file. Each file is stored whole or not at all.
      </p>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}${running ? ' busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = running ? 'none' : 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label class="button" for="import-files">
          Choose files…
        </label>
        <input
          id="import-files"
          class="visually-hidden"
          type="file"
          multiple
          accept={ACCEPTED_EXTENSIONS.join(',')}
          disabled={running}
          onChange={(e) => {
            const input = e.currentTarget;
            start([...(input.files ?? [])]);
            input.value = ''; // choosing the same files again imports them again
          }}
        />
        <span>{running ? 'Importing… you can cancel at any time.' : 'or drop files here'}</span>
      </div>
      {progress && <ImportStatus progress={progress} outcome={outcome} cancel={() => handle.current?.cancel()} />}
    </section>
  );
}

function ImportStatus({ progress, outcome, cancel }: { progress: ImportProgress; outcome: ImportOutcome | null; cancel: () => void }) {
  const { filesDone, filesTotal, articlesAdded, articlesUpdated, failures, current } = progress;
  return (
    <div class="import-status">
      <div class="progress-line">
        <progress
          id="import-progress"
          max={filesTotal}
          value={filesDone}
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={filesTotal}
          aria-valuenow={filesDone}
          aria-valuetext={`${filesDone} of ${plural(filesTotal, 'file')}`}
          aria-label="Files imported"
        />
        {!outcome && (
          <button type="button" onClick={cancel}>
            Cancel import
          </button>
        )}
      </div>
      <p class="import-summary" role="status" aria-live="polite">
        {summary(progress, outcome)}
      </p>
      {!outcome && current && <p class="meta">Now: {current}</p>}
      {outcome && articlesUpdated > 0 && (
        <p class="meta">{plural(articlesUpdated, 'article')} you already had (same address or same text) were replaced.</p>
      )}
      {failures.length > 0 && (
        <>
          <h3 id="failures-heading">Not imported</h3>
          <ul class="failures" aria-labelledby="failures-heading">
            {failures.map((f, i) => (
              <li key={`${i}:${f.file}`}>
                <span class="file">{f.file}</span>: {f.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function summary(progress: ImportProgress, outcome: ImportOutcome | null): string {
  const { filesDone, filesTotal, articlesAdded, stored } = progress;
  const added = `${plural(articlesAdded, 'article')} added`;
  if (!outcome) return `${filesDone} of ${plural(filesTotal, 'file')} done · ${added}`;
  if (outcome.state === 'cancelled') {
    return `Import cancelled. ${plural(stored.length, 'file')} stored before cancelling (${added}); the file in progress and the rest were not imported.`;
  }
  if (outcome.state === 'failed') {
    return `The import stopped: ${outcome.error}. ${plural(stored.length, 'file')} stored before it stopped (${added}).`;
  }
  return `Imported ${stored.length} of ${plural(filesTotal, 'file')} · ${added}.`;
}
