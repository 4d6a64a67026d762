import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request, type CorpusStatus } from '../../lib/messages';
import { openDb } from '../../lib/store/db';
import { Popup, type OpenTarget } from '../../lib/ui/popup/Popup';
import { useLiveQuery } from '../../lib/ui/useLiveQuery';
import '../../lib/ui/popup/popup.css';

const db = openDb();
const send = (message: unknown) => browser.runtime.sendMessage(message);

function App() {
  const corpus = useLiveQuery(
    () => db.transaction('r', [db.articles, db.entities, db.quotes], async () => ({
      articles: await db.articles.toArray(),
      entities: await db.entities.toArray(),
      quotes: await db.quotes.toArray(),
    })),
    [],
  );
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  useEffect(() => {
    request(send, { type: 'corpus/status' }).then(setStatus, (error: Error) =>
      setStatus({ state: 'error', articles: 0, errors: [error.message] }),
    );
  }, []);

  const open = (target: OpenTarget) => {
    void request(send, { type: 'sidepanel/open', ...target }).finally(() => window.close());
  };
  return <Popup corpus={corpus.value ?? null} status={status} open={open} />;
}

render(<App />, document.getElementById('app')!);
