/**
 * npm run icons
 *
 * Renders the icon (assets/icon/backstory.svg) to the PNG sizes the browsers
 * ask for, into assets/public/icon/<size>.png, where WXT finds them and lists them
 * in the manifest. The PNGs are committed, so a build needs no renderer.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** 16 and 32 for the toolbar (at 1× and 2×), 48 for the browsers' extension pages, 128 for the stores and the install prompt. */
export const ICON_SIZES = [16, 32, 48, 128];
export const ICON_SOURCE = 'assets/icon/backstory.svg';
export const ICON_DIR = 'assets/public/icon';

/** The icon rendered at each size, as PNG bytes. */
export function renderIcons(root: string): Map<number, Uint8Array> {
  const svg = readFileSync(join(root, ICON_SOURCE), 'utf8');
  return new Map(ICON_SIZES.map((size) => [size, new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '../..');
  mkdirSync(join(root, ICON_DIR), { recursive: true });
  for (const [size, png] of renderIcons(root)) {
    writeFileSync(join(root, ICON_DIR, `${size}.png`), png);
    console.log(`${ICON_DIR}/${size}.png  ${png.length} bytes`);
  }
}
