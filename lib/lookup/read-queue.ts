/**
 * The background's reads of page documents, coalesced: one read at a time per
 * tab, and a frame that reports a new document while its previous one still
 * waits replaces it (only a frame's newest document is worth reading). A page
 * that reloads its frames as fast as it can so has at most one read in
 * flight and one waiting per frame, however many times its frames report
 * ready; the rest is dropped, not queued.
 */
export class ReadQueue<T> {
  /** Per tab being read: the frames waiting, in the order they first reported. */
  private readonly tabs = new Map<number, Map<number, T>>();
  /** Per tab being read: resolves when its last read is done. */
  private readonly drains = new Map<number, Promise<void>>();

  constructor(private readonly read: (tabId: number, frameId: number, item: T) => Promise<void>) {}

  /** Queues the read of a frame's document, in place of one of that frame still waiting. */
  push(tabId: number, frameId: number, item: T): void {
    const waiting = this.tabs.get(tabId);
    if (waiting) {
      waiting.set(frameId, item);
      return;
    }
    const fresh = new Map([[frameId, item]]);
    this.tabs.set(tabId, fresh);
    this.drains.set(tabId, this.drain(tabId, fresh));
  }

  /** How many reads wait in a tab (the one in flight not counted). */
  waiting(tabId: number): number {
    return this.tabs.get(tabId)?.size ?? 0;
  }

  /** Resolves once the tab has nothing left to read. */
  idle(tabId: number): Promise<void> {
    return this.drains.get(tabId) ?? Promise.resolve();
  }

  /** Forgets what a tab still had to read (it closed). */
  dropTab(tabId: number): void {
    this.tabs.get(tabId)?.clear();
  }

  private async drain(tabId: number, waiting: Map<number, T>): Promise<void> {
    for (let next = waiting.entries().next(); !next.done; next = waiting.entries().next()) {
      const [frameId, item] = next.value;
      waiting.delete(frameId);
      // A read that fails (its frame navigated or closed meanwhile) does not stop the others.
      await this.read(tabId, frameId, item).catch(() => undefined);
    }
    this.tabs.delete(tabId);
    this.drains.delete(tabId);
  }
}
