/**
 * Side panel wiring: opening it on a target (hover card, popup, context menu,
 * keyboard command). What the panel shows is decided by the route handed over
 * through session storage; resolving a selection to an entity happens in the
 * panel (the lookup view), because the browser only lets us open the panel
 * synchronously inside the user's gesture, before any database await.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Sender } from '../../lib/messages';
import { HANDOFF_KEY, type Handoff } from '../../lib/ui/sidepanel/handoff';
import { formatRoute, routeForTarget } from '../../lib/ui/sidepanel/router';

export interface SidePanelTarget {
  entityId?: string;
  articleId?: string;
  query?: string;
  /** Free text to resolve to the best matching entity, else search for. */
  lookup?: string;
}

export const LOOKUP_MENU_ID = 'backstory-lookup';
/** Must match the key in wxt.config.ts `manifest.commands`. */
export const OPEN_COMMAND = 'open-side-panel';

/** Firefox's sidebar API, absent from the Chrome-shaped types. */
interface SidebarAction {
  open(): Promise<void>;
}
const sidebarAction = (): SidebarAction | undefined =>
  (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;

/** The focused window, for requests from extension pages (the popup) that carry no tab. */
let lastFocusedWindowId: number | undefined;

/** The selection's "Look up … in Backstory" item (index.ts creates the menus, after clearing them). */
export const createLookupMenu = () => browser.contextMenus.create({ id: LOOKUP_MENU_ID, title: 'Look up “%s” in Backstory', contexts: ['selection'] });

export function setupSidePanel(): void {
  browser.contextMenus.onClicked.addListener(lookUpSelection);
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === OPEN_COMMAND) void openSidePanel({}, { windowId: tab?.windowId, tabId: tab?.id });
  });
  browser.windows.onFocusChanged.addListener((id) => {
    if (id !== browser.windows.WINDOW_ID_NONE) lastFocusedWindowId = id;
  });
  void browser.windows.getLastFocused().then((w) => (lastFocusedWindowId ??= w.id));
}

/** The context menu's click: open the panel on the selected text. */
export function lookUpSelection(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<boolean> {
  if (info.menuItemId !== LOOKUP_MENU_ID || !info.selectionText?.trim()) return Promise.resolve(false);
  return openSidePanel({ lookup: info.selectionText }, { windowId: tab?.windowId, tabId: tab?.id });
}

/**
 * Opens the side panel in the sender's window on the target's view. Nothing
 * here awaits before the open call: the browser refuses to open a panel once
 * the user's gesture has been handed to a later task.
 */
export async function openSidePanel(target: SidePanelTarget, sender: Sender): Promise<boolean> {
  const windowId = sender.windowId ?? lastFocusedWindowId;
  const route = routeForTarget(target);
  // An empty target (the keyboard command) reopens the panel where the reader left it.
  const handedOver =
    route.view === 'home'
      ? Promise.resolve()
      : browser.storage.session.set({ [HANDOFF_KEY]: { hash: formatRoute(route), windowId, at: Date.now() } satisfies Handoff });
  const opened = openPanel(windowId);
  try {
    await handedOver;
    await opened;
    return true;
  } catch (error) {
    // No gesture (a message sent without one) or no window: the panel, if open, still follows the handoff.
    console.warn('Backstory: could not open the side panel', error);
    return false;
  }
}

function openPanel(windowId: number | undefined): Promise<void> {
  const firefox = sidebarAction();
  if (firefox) return firefox.open();
  if (windowId === undefined) return Promise.reject(new Error('no window to open the side panel in'));
  return browser.sidePanel.open({ windowId });
}
