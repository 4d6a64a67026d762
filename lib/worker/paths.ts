/** Where the build puts the corpus worker (entrypoints/corpus-worker.ts) and Chrome's offscreen document that starts it for the background. */
export const CORPUS_WORKER_PATH = '/corpus-worker.js';
export const OFFSCREEN_DOCUMENT_PATH = '/offscreen.html';
