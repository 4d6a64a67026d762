/**
 * Articles' paragraphs stored as UTF-8 bytes. V8 serialises a string that
 * holds any character beyond Latin-1 (a curly quote, a dash: nearly every
 * paragraph of news) as two bytes a character, so the articles table held
 * twice its text: 82 of the 200 MB a 10,000-article load wrote
 * (`npm run bench -- storage`). Bytes are one per character of English text.
 *
 * A Dexie middleware converts at the edge of IndexedDB: every reader and
 * writer above it sees `paragraphs` as before, and rows stored by an older
 * version (paragraphs as strings) read as they are until the schema's
 * upgrade rewrites them.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';

/** The table whose rows this applies to. */
const ARTICLES = 'articles';

/** An article row as stored: its paragraphs as the UTF-8 bytes of their JSON. */
interface StoredText {
  paragraphsUtf8?: Uint8Array;
  paragraphs?: string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The row as stored: paragraphs as bytes (a row without paragraphs, or already packed, stays as it is). */
export function packArticleText<T>(row: T): T {
  const { paragraphs, ...rest } = row as T & StoredText;
  if (!Array.isArray(paragraphs)) return row;
  return { ...rest, paragraphsUtf8: encoder.encode(JSON.stringify(paragraphs)) } as T;
}

/** The row as readers know it: paragraphs as strings. */
export function unpackArticleText<T>(row: T): T {
  if (!row || typeof row !== 'object') return row;
  const { paragraphsUtf8, ...rest } = row as T & StoredText;
  if (!(paragraphsUtf8 instanceof Uint8Array)) return row;
  return { ...rest, paragraphs: JSON.parse(decoder.decode(paragraphsUtf8)) } as T;
}

/** A cursor whose value reads unpacked; everything else is the cursor's own. */
function unpackingCursor(cursor: DBCoreCursor): DBCoreCursor {
  return new Proxy(cursor, {
    get(target, property) {
      if (property === 'value') return unpackArticleText(target.value);
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function articlesTable(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) => table.mutate(req.type === 'add' || req.type === 'put' ? { ...req, values: req.values.map(packArticleText) } : req),
    get: (req) => table.get(req).then(unpackArticleText),
    getMany: (req) => table.getMany(req).then((rows) => rows.map(unpackArticleText)),
    query: (req) => table.query(req).then((response) => (req.values ? { ...response, result: response.result.map(unpackArticleText) } : response)),
    openCursor: (req) => table.openCursor(req).then((cursor) => cursor && (req.values === false ? cursor : unpackingCursor(cursor))),
  };
}

export const articleTextMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'article-text-utf8',
  create: (down) => ({
    ...down,
    table: (name) => (name === ARTICLES ? articlesTable(down.table(name)) : down.table(name)),
  }),
};
