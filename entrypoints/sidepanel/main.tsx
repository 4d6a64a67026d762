import { render } from 'preact';
import { openDb } from '../../lib/store/db';
import { HANDOFF_KEY, handoffFor } from '../../lib/ui/sidepanel/handoff';
import { SidePanel } from '../../lib/ui/sidepanel/SidePanel';
import '../../lib/ui/sidepanel/sidepanel.css';

const db = openDb();

async function currentWindowId(): Promise<number | undefined> {
  try {
    return (await browser.windows.getCurrent()).id;
  } catch {
    return undefined; // opened as a plain tab in a context without windows (tests)
  }
}

/**
 * Routes handed over by the background: one waiting when the panel starts
 * (unless the URL already names a view), then every later one for this window.
 */
function subscribeToHandoffs(navigate: (hash: string) => void): () => void {
  const windowId = currentWindowId();
  const startHash = location.hash;
  // A followed handoff is removed, so a panel opened later starts where the reader asks, not here.
  const follow = async (value: unknown) => {
    const handoff = handoffFor(value, await windowId, Date.now());
    if (!handoff) return;
    navigate(handoff.hash);
    await browser.storage.session.remove(HANDOFF_KEY);
  };
  void browser.storage.session.get(HANDOFF_KEY).then((items) => {
    if (!startHash || startHash === '#/') return follow(items[HANDOFF_KEY]);
  });
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && changes[HANDOFF_KEY]?.newValue) void follow(changes[HANDOFF_KEY].newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

render(
  <SidePanel db={db} copy={(text) => navigator.clipboard.writeText(text)} subscribeToHandoffs={subscribeToHandoffs} />,
  document.getElementById('app')!,
);
