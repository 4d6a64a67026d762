import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backgroundSender } from '../../lib/background-channel';
import { LAST_SAVE_KEY, request, type CorpusStatus, type SaveOutcome } from '../../lib/messages';
import { popupQueryItem } from '../../lib/settings';
import { corpusCounts, searchCorpus, warmSearch } from '../../lib/search/corpus-search';
import { openDb } from '../../lib/store/db';
import { Popup, RESULTS_DRAWN_MARK, type OpenTarget } from '../../lib/ui/popup/Popup';
import { SavePage } from '../../lib/ui/popup/SavePage';
import { SiteSwitch } from '../../lib/ui/SiteSwitch';
import { useLiveQuery } from '../../lib/ui/useLiveQuery';
import '../../lib/ui/popup/popup.css';

const db = openDb();
// While the popup draws and the user starts typing: the first keystroke then finds the segments' text lists read.
void warmSearch(db).catch(() => undefined);
const STATUS_POLL_MS = 500;
const send = backgroundSender({
  runtimeSend: (message) => browser.runtime.sendMessage(message),
  worker: async () => (await navigator.serviceWorker?.getRegistration())?.active ?? null,
});
const search = (query: string) => searchCorpus(db, query);
/** The benchmark build marks when each query's results are drawn (`npm run bench -- scale`). */
const onResultsDrawn =
  import.meta.env.MODE === 'bench' ? (query: string) => performance.mark(RESULTS_DRAWN_MARK, { detail: query }) : undefined;

function App({ initialQuery, hostname, tabId, lastSave }: { initialQuery: string; hostname?: string; tabId?: number; lastSave: SaveOutcome | null }) {
  const counts = useLiveQuery(() => corpusCounts(db), []);
  const [status, setStatus] = useState<CorpusStatus | null>(null);
  // Asked again while the corpus loads, so the popup shows the load's progress.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      request(send, { type: 'corpus/status' }).then(
        (next) => {
          setStatus(next);
          if (next.state === 'loading') timer = setTimeout(ask, STATUS_POLL_MS);
        },
        (error: Error) => setStatus({ state: 'error', articles: 0, errors: [error.message] }),
      );
    void ask();
    return () => clearTimeout(timer);
  }, []);

  const open = (target: OpenTarget) => {
    void request(send, { type: 'sidepanel/open', ...target }).finally(() => window.close());
  };
  return (
    <Popup
      counts={counts.value ?? null}
      search={search}
      status={status}
      open={open}
      initialQuery={initialQuery}
      footer={
        <>
          <SavePage canSave={!!hostname && tabId !== undefined} save={() => request(send, { type: 'page/save', tabId: tabId! })} last={lastSave} openArticle={(articleId) => open({ articleId })} />
          <SiteSwitch hostname={hostname} />
        </>
      }
      onResultsDrawn={onResultsDrawn}
      openOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    />
  );
}

async function main() {
  // A hover card's "Search in popup" leaves its query here; take it once.
  const [initialQuery, [tab], session] = await Promise.all([
    popupQueryItem.getValue(),
    browser.tabs.query({ active: true, currentWindow: true }),
    browser.storage.session.get(LAST_SAVE_KEY).catch(() => ({}) as Record<string, unknown>),
  ]);
  if (initialQuery) await popupQueryItem.setValue(null);
  // A save from the page's menu or the keyboard, shown once.
  const lastSave = (session[LAST_SAVE_KEY] as SaveOutcome | undefined) ?? null;
  if (lastSave) await browser.storage.session.remove(LAST_SAVE_KEY);
  const url = tab?.url ? new URL(tab.url) : null;
  const hostname = url && /^https?:$/.test(url.protocol) ? url.hostname : undefined;
  render(<App initialQuery={initialQuery ?? ''} hostname={hostname} tabId={tab?.id} lastSave={lastSave} />, document.getElementById('app')!);
}

void main();
