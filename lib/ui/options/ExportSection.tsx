/**
 * Export: every user article as one .json file that imports back exactly,
 * and every quote of the corpus with its citation as CSV or Markdown.
 */
import { useState } from 'preact/hooks';
import { downloadText } from '../../export/download';
import type { BackstoryDb } from '../../store/db';
import { exportUserCorpus } from '../../store/user-corpus';
import { plural } from '../format';
import { QuoteExport } from '../QuoteExport';

export function ExportSection({ db, userArticles }: { db: BackstoryDb; userArticles: number }) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const exportArticles = async () => {
    setMessage(null);
    try {
      const file = await exportUserCorpus(db);
      const day = file.exportedAt.slice(0, 10);
      downloadText(`backstory-export-${day}.json`, JSON.stringify(file), 'application/json');
      setMessage({ error: false, text: `Exported ${plural(file.articles.length, 'article')}.` });
    } catch (e) {
      setMessage({ error: true, text: `Could not export your articles: ${(e as Error).message}` });
    }
  };

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>
        Your articles (saved pages and imports, not the bundled corpus) as one file, with what Backstory found in them. Import it in
        another browser, or here after a reset, and you get the same articles, names and quotes.
      </p>
      <button type="button" onClick={() => void exportArticles()} disabled={userArticles === 0}>
        Export my articles (.json)
      </button>
      {message && (
        <p class={message.error ? 'error' : 'meta'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <p>Every quote in the corpus, each with its speaker, article, site, date and address:</p>
      <QuoteExport db={db} />
    </section>
  );
}
