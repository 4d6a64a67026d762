import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleText, type ParsedArticle } from '../../lib/corpus/article';
import { parseCorpusFile } from '../../lib/corpus/parse';

interface GoldArticle {
  file: string;
  starts: string;
  ends: string;
  title: string | null;
  date: string | null;
  credits?: string | null;
  captions?: string[];
  boilerplate?: string[];
  complete: boolean;
}

const root = new URL('../../', import.meta.url);
const readProjectFile = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), 'utf8');

const gold: GoldArticle[] = JSON.parse(readProjectFile('test/fixtures/eval/seed-gold.json')).articles;
const goldFiles = [...new Set(gold.map((article) => article.file))];
const parsed: ParsedArticle[] = goldFiles.flatMap((file) =>
  parseCorpusFile(file, readProjectFile(`assets/corpus/${file}`)),
);

describe('parseCorpusFile on the bundled corpus', () => {
  it('finds as many articles as the gold, file by file', () => {
    expect(parsed.map((article) => article.file)).toEqual(gold.map((article) => article.file));
  });

  gold.forEach((expected, position) => {
    describe(`${expected.file} article ${position}`, () => {
      const article = () => parsed[position];

      it('starts and ends where the gold says', () => {
        expect(article().paragraphs[0].startsWith(expected.starts)).toBe(true);
        expect(article().paragraphs[article().paragraphs.length - 1].endsWith(expected.ends)).toBe(true);
      });

      it('has the gold title, date, credits, captions and completeness', () => {
        expect(article().title).toBe(expected.title);
        expect(article().date).toBe(expected.date);
        expect(article().credits).toBe(expected.credits ?? null);
        expect(article().captions).toEqual(expected.captions ?? []);
        expect(article().complete).toBe(expected.complete);
      });

      it('keeps boilerplate, captions, credits and title out of the body', () => {
        const body = articleText(article());
        for (const furniture of [...(expected.boilerplate ?? []), ...(expected.captions ?? [])]) {
          expect(article().paragraphs).not.toContain(furniture);
        }
        if (expected.credits) expect(body).not.toContain(expected.credits);
        if (expected.title) expect(body).not.toContain(expected.title);
      });
    });
  });

  it('numbers articles within each file from 0', () => {
    for (const file of goldFiles) {
      const indexes = parsed.filter((article) => article.file === file).map((article) => article.index);
      expect(indexes).toEqual(indexes.map((_, position) => position));
    }
  });
});
