/**
 * Hands text to the browser as a file download: a Blob URL on an `<a download>`,
 * so nothing leaves the machine. For extension pages (it needs a document).
 */
import { foldText } from '../text/fold';

export function downloadText(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; a later revoke only frees the memory sooner or later.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Donald Tusk" → "donald-tusk", for file names that every system accepts. */
export function fileSlug(text: string): string {
  const slug = foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'quotes';
}
