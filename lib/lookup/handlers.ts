import type { Handlers, Sender } from '../messages';
import type { BackstoryDb } from '../store/db';
import { buildEntityCard } from './card-data';
import type { LookupOptions, NameLookup } from './name-lookup';
import type { DocumentsMemory, PageDocuments } from './page-documents';

/** The asking document's tab and frame; a page message always has them (lib/messages.ts checks its origin), but a handler never assumes. */
function documentOf(sender: Sender): { tabId: number; frameId: number } {
  if (sender.tabId === undefined || sender.frameId === undefined) throw new Error('Not allowed: no page document sent this');
  return { tabId: sender.tabId, frameId: sender.frameId };
}

/** Entity ids are guessable: a page script may ask only about an entity matched in its own document. */
export function checkMatched(documents: PageDocuments, sender: Sender, entityId: string): void {
  const { tabId, frameId } = documentOf(sender);
  if (!documents.wasMatched(tabId, frameId, entityId)) throw new Error('Not allowed: that name was not found in this page');
}

/**
 * Background side of page matching: names in a page's later text, and
 * hover-card data. `documents` (the background's memory of the documents it
 * read, page-documents.ts) meters each document's text and remembers what was
 * matched in it; the card is served only for those.
 */
export function createMatchHandlers(
  db: BackstoryDb,
  names: NameLookup,
  documents: () => Promise<DocumentsMemory>,
  lookupOptions: () => Promise<LookupOptions> = async () => ({}),
): Pick<Handlers, 'names/match' | 'entity/card'> {
  return {
    'names/match': async ({ text, seen }, sender) => {
      const { tabId, frameId } = documentOf(sender);
      const memory = await documents();
      // Past the document's budget the text is dropped, not queued (lib/char-budget.ts).
      const granted = memory.documents.take(tabId, frameId, text.length);
      if (granted === 0) throw new Error('Over this page’s reading budget');
      const found = await names.match([granted < text.length ? text.slice(0, granted) : text], await lookupOptions(), seen);
      memory.documents.matched(tabId, frameId, found.map((m) => m.entityId));
      memory.changed();
      return found;
    },
    'entity/card': async ({ entityId }, sender) => {
      checkMatched((await documents()).documents, sender, entityId);
      return buildEntityCard(db, entityId);
    },
  };
}
