/**
 * The background's memory of the documents it read (lib/lookup/page-documents.ts),
 * kept in session storage as well as in memory: an idle service worker is
 * stopped after ~30 s, and a card hovered after that must still be served.
 */
import { browser } from 'wxt/browser';
import { PageDocuments, type DocumentsMemory, type PageDocumentsState } from '../../lib/lookup/page-documents';

const STORAGE_KEY = 'backstory.pageDocuments';
/** Writes gathered over this long go to storage as one: a page being read sends many requests in a second. */
const SAVE_DELAY_MS = 1_000;

export function pageDocumentsMemory(): { get(): Promise<DocumentsMemory>; now(): DocumentsMemory | null } {
  let memory: DocumentsMemory | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    if (memory) void browser.storage.session.set({ [STORAGE_KEY]: memory.documents.save() }).catch(() => undefined);
  };
  const loading = browser.storage.session
    .get(STORAGE_KEY)
    .catch(() => ({}) as Record<string, unknown>)
    .then((stored) => {
      const state = stored[STORAGE_KEY];
      memory = {
        documents: new PageDocuments(Date.now, typeof state === 'object' && state !== null ? (state as PageDocumentsState) : {}),
        changed: () => void (timer ??= setTimeout(save, SAVE_DELAY_MS)),
      };
      return memory;
    });
  return { get: () => loading, now: () => memory };
}
