/**
 * "Export quotes: CSV · Markdown": the quotes of one person (side panel
 * profile) or of the whole corpus (options page), each with its citation.
 */
import { useState } from 'preact/hooks';
import { citationRows } from '../export/citation-rows';
import { quotesToCsv, quotesToMarkdown } from '../export/citations';
import { downloadText, fileSlug } from '../export/download';
import type { BackstoryDb } from '../store/db';

/** Spreadsheet programs read a CSV as UTF-8 only when it starts with a byte order mark; without it, “curly quotes” come out garbled. */
const UTF8_BOM = '\uFEFF';

export function QuoteExport({ db, speaker }: { db: BackstoryDb; speaker?: { id: string; name: string } }) {
  const [error, setError] = useState<string | null>(null);
  const base = speaker ? `backstory-quotes-${fileSlug(speaker.name)}` : 'backstory-quotes';
  const heading = speaker ? `Quotes of ${speaker.name}` : 'Quotes in the Backstory corpus';

  const save = async (format: 'csv' | 'md') => {
    setError(null);
    try {
      const rows = await citationRows(db, { speakerId: speaker?.id });
      if (format === 'csv') downloadText(`${base}.csv`, UTF8_BOM + quotesToCsv(rows), 'text/csv;charset=utf-8');
      else downloadText(`${base}.md`, quotesToMarkdown(rows, heading), 'text/markdown;charset=utf-8');
    } catch (e) {
      setError(`Could not export the quotes: ${(e as Error).message}`);
    }
  };

  return (
    <div class="quote-export" role="group" aria-label={speaker ? `Export ${speaker.name}’s quotes` : 'Export all quotes'}>
      <span class="label">Export quotes</span>{' '}
      <button type="button" onClick={() => void save('csv')}>
        CSV
      </button>{' '}
      <button type="button" onClick={() => void save('md')}>
        Markdown
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
