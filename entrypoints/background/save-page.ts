/**
 * "Save this page", from the popup's button, the page's context menu or the
 * keyboard command: the extract script reads the article in the tab, and the
 * corpus worker analyses and stores it as a saved page (lib/store/user-corpus.ts). The popup
 * shows the outcome; from the menu or the command, the toolbar badge does,
 * and the popup shows it when opened next.
 */
import { browser } from 'wxt/browser';
import { errorMessage, LAST_SAVE_KEY, type SaveOutcome } from '../../lib/messages';
import type { AddReport, ExtractedPage } from '../../lib/store/user-corpus';
import { parseExtractResult } from '../../lib/store/extracted-page';

export const SAVE_MENU_ID = 'backstory-save';
/** Must match the key in wxt.config.ts `manifest.commands`. */
export const SAVE_COMMAND = 'save-page';
/** How long the badge shows a save's outcome: long enough to notice, short enough not to linger. */
const BADGE_MS = 4_000;

/** `addPage` stores an extracted page as a saved article. */
export type AddPage = (page: ExtractedPage) => Promise<AddReport>;

export function setupSavePage(addPage: AddPage) {
  const save = async (tabId: number | undefined): Promise<SaveOutcome> => {
    const outcome = await saveTab(addPage, tabId).catch((error: unknown) => ({ ok: false as const, error: errorMessage(error) }));
    await browser.storage.session.set({ [LAST_SAVE_KEY]: { ...outcome, at: Date.now() } }).catch(() => undefined);
    return outcome;
  };
  const saveWithBadge = async (tabId: number | undefined) => {
    const outcome = await save(tabId);
    await browser.action.setBadgeText({ tabId, text: outcome.ok ? '✓' : '!' }).catch(() => undefined);
    await browser.action.setBadgeBackgroundColor({ tabId, color: outcome.ok ? '#1a7f37' : '#b3261e' }).catch(() => undefined);
    setTimeout(() => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined), BADGE_MS);
  };
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SAVE_MENU_ID) void saveWithBadge(tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === SAVE_COMMAND) void saveWithBadge(tab?.id);
  });
  return {
    createMenu: () => browser.contextMenus.create({ id: SAVE_MENU_ID, title: 'Save this page to Backstory', contexts: ['page'] }),
    /** The popup's button, on the tab the popup was opened over. */
    save,
  };
}

async function saveTab(addPage: AddPage, tabId: number | undefined): Promise<SaveOutcome> {
  const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId);
  if (!tab?.id || !/^https?:/.test(tab.url ?? '')) return { ok: false, error: 'Only web pages (http or https) can be saved.' };
  const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/extract.js'] });
  const extracted = parseExtractResult(injection?.result);
  if (!extracted.ok) return { ok: false, error: extracted.reason };
  const page: ExtractedPage = extracted.article;
  const report = await addPage(page);
  return { ok: true, title: page.title, articleId: report.articleIds[0], updated: report.updated + report.unchanged > 0, found: report.found };
}
