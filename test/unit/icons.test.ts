import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, ICON_SOURCE, renderIcons } from '../../lib/cli/icons';
import { repoRoot } from './helpers';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(r: number, g: number, b: number): number {
  const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The share of the icon's pixels, drawn at `size` on `background`, that stand out from it (contrast 3:1, WCAG's bar for graphics). */
function standsOut(size: number, background: [number, number, number]): number {
  const svg = readFileSync(join(repoRoot, ICON_SOURCE), 'utf8');
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: `rgb(${background.join(',')})` }).render();
  const bg = luminance(...background);
  let distinct = 0;
  for (let i = 0; i < image.pixels.length; i += 4) {
    if (contrast(luminance(image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]), bg) >= 3) distinct++;
  }
  return distinct / (image.width * image.height);
}

describe('icons', () => {
  it('ships a PNG of each size the manifest lists, rendered from the current SVG', () => {
    const rendered = renderIcons(repoRoot);
    for (const size of ICON_SIZES) {
      const committed = new Uint8Array(readFileSync(join(repoRoot, ICON_DIR, `${size}.png`)));
      expect(pngSize(committed)).toEqual({ width: size, height: size });
      // Stale PNGs mean the SVG changed without `npm run icons`.
      expect(Buffer.from(committed).equals(Buffer.from(rendered.get(size)!)), `${size}.png is stale`).toBe(true);
    }
  });

  it('stands out on a light toolbar and on a dark one, down to 16 px', () => {
    const light: [number, number, number] = [249, 249, 251]; // Firefox's light toolbar
    const dark: [number, number, number] = [43, 42, 51]; // Firefox's dark toolbar
    for (const size of [16, 32]) {
      expect(standsOut(size, light)).toBeGreaterThan(0.5);
      expect(standsOut(size, dark)).toBeGreaterThan(0.2);
    }
  });
});
