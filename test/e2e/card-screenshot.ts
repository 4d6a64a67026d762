/**
 * Takes the README's screenshot of the hover card from the e2e browser:
 * `npm run build && npx tsx test/e2e/card-screenshot.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, servePages, waitForCorpusReady } from './harness';
import { cardText, mainWorldHighlights, textPoint, waitFor } from './content-helpers';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Allies meet in Warsaw</title>
<style>body{font:18px/1.6 Georgia,serif;max-width:640px;margin:40px auto;color:#222}h1{font-size:30px}</style></head><body>
<h1>Allies meet in Warsaw</h1>
<p>Polish Prime Minister Donald Tusk hosted European leaders on Monday as Kyiv pressed for more air defence.</p>
<p>Tusk said Poland would keep its support for Ukraine, while Nato ministers weighed Zelensky’s request for longer-range weapons.</p>
<p>Officials in Berlin and Washington were more cautious.</p>
</body></html>`;

const session = await launchExtension();
const server = await servePages(resolve(import.meta.dirname, '../fixtures/pages'), { '/allies.html': PAGE });
try {
  await waitForCorpusReady(session);
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 900, height: 640 });
  await page.goto(`${server.origin}/allies.html`);
  await waitFor(() => mainWorldHighlights(page), (h) => (h['backstory-person']?.length ?? 0) >= 2, 15_000, 'highlights');
  const at = await textPoint(page, 'p:nth-of-type(2)', 'Tusk');
  await page.mouse.move(at.x, at.y, { steps: 4 });
  await waitFor(() => cardText(page), (t) => !!t && t.includes('Donald Tusk'), 10_000, 'card');
  await page.waitForTimeout(300);
  mkdirSync(resolve(import.meta.dirname, '../../assets/screenshots'), { recursive: true });
  await page.screenshot({ path: resolve(import.meta.dirname, '../../assets/screenshots/card.png') });
} finally {
  await session.close();
  await server.close();
}
