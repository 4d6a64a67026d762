import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request, type CorpusStatus } from '../../lib/messages';
import { popupQueryItem } from '../../lib/settings';
import { readSearchableCorpus } from '../../lib/search/corpus-search';
import { openDb } from '../../lib/store/db';
import { Popup, type OpenTarget } from '../../lib/ui/popup/Popup';
import { SiteSwitch } from '../../lib/ui/SiteSwitch';
import { useLiveQuery } from '../../lib/ui/useLiveQuery';
import '../../lib/ui/popup/popup.css';

const db = openDb();
const send = (message: unknown) => browser.runtime.sendMessage(message);

function App({ initialQuery, hostname }: { initialQuery: string; hostname?: string }) {
  const corpus = useLiveQuery(() => readSearchableCorpus(db), []);
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  useEffect(() => {
    request(send, { type: 'corpus/status' }).then(setStatus, (error: Error) =>
      setStatus({ state: 'error', articles: 0, errors: [error.message] }),
    );
  }, []);

  const open = (target: OpenTarget) => {
    void request(send, { type: 'sidepanel/open', ...target }).finally(() => window.close());
  };
  return (
    <Popup
      corpus={corpus.value ?? null}
      status={status}
      open={open}
      initialQuery={initialQuery}
      footer={<SiteSwitch hostname={hostname} />}
      openOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    />
  );
}

async function main() {
  // A hover card's "Search in popup" leaves its query here; take it once.
  const [initialQuery, [tab]] = await Promise.all([
    popupQueryItem.getValue(),
    browser.tabs.query({ active: true, currentWindow: true }),
  ]);
  if (initialQuery) await popupQueryItem.setValue(null);
  const url = tab?.url ? new URL(tab.url) : null;
  const hostname = url && /^https?:$/.test(url.protocol) ? url.hostname : undefined;
  render(<App initialQuery={initialQuery ?? ''} hostname={hostname} />, document.getElementById('app')!);
}

void main();
