/**
 * Where the extension process's memory goes during a load, for the scale
 * benchmark's BACKSTORY_SCALE_MEMORY option: the JS heap of every isolate in
 * it (the service worker, the offscreen document, extension pages, and the
 * workers they start, found by auto-attaching as deep as they nest), and
 * Chromium's own accounting of the process by allocator (memory-infra dumps:
 * V8, Blink's garbage-collected heap, PartitionAlloc, malloc), which the RSS
 * alone cannot tell apart. Both over CDP from a page's session: Playwright
 * routes only its own flattened sessions, so targets are reached through
 * non-flattened ones, nested.
 */
import type { CDPSession } from 'playwright-core';

/** One isolate's heap (Runtime.getHeapUsage), in bytes. */
export interface IsolateHeap {
  /** What the isolate is: "service worker", "offscreen document", "corpus worker", "analysis worker", or a page's path. */
  role: string;
  used: number;
  /** Committed: what the heap holds of the process's memory. */
  total: number;
  /** ArrayBuffers' and external strings' backing stores. */
  backing: number;
}

type Listener = (method: string, params: any) => void;

/** A CDP target reached over non-flattened sessions: its commands, and its events. */
export interface Target {
  role: string;
  send(method: string, params?: object): Promise<any>;
  listen(listener: Listener): void;
  gone: boolean;
}

/** The page whose session `cdp` is, as the root that other targets are attached under. */
export function rootTarget(cdp: CDPSession, role: string): Target {
  const listeners: Listener[] = [];
  for (const event of ['Target.receivedMessageFromTarget', 'Target.detachedFromTarget', 'Target.attachedToTarget']) {
    cdp.on(event as any, (params: any) => listeners.forEach((listener) => listener(event, params)));
  }
  return { role, gone: false, send: (method, params) => cdp.send(method as any, params as any), listen: (listener) => void listeners.push(listener) };
}

/** The target attached under `parent` as `sessionId`. */
export function attachedTarget(parent: Target, sessionId: string, role: string): Target {
  let nextId = 1;
  const pending = new Map<number, { done(value: any): void; fail(error: Error): void }>();
  const listeners: Listener[] = [];
  const target: Target = {
    role,
    gone: false,
    send: (method, params = {}) =>
      new Promise((done, fail) => {
        const id = nextId++;
        pending.set(id, { done, fail });
        parent.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
      }),
    listen: (listener) => void listeners.push(listener),
  };
  parent.listen((method, params) => {
    if (method === 'Target.detachedFromTarget' && params.sessionId === sessionId) {
      target.gone = true;
      for (const { fail } of pending.values()) fail(new Error('detached'));
      pending.clear();
    }
    if (method !== 'Target.receivedMessageFromTarget' || params.sessionId !== sessionId) return;
    const message = JSON.parse(params.message);
    if (message.id === undefined) return listeners.forEach((listener) => listener(message.method, message.params));
    const asker = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) asker?.fail(new Error(message.error.message));
    else asker?.done(message.result);
  });
  return target;
}

const roleOf = (info: { type: string; url: string }, parentRole: string) =>
  info.type === 'service_worker'
    ? 'service worker'
    : info.url.includes('offscreen')
      ? 'offscreen document'
      : info.type === 'worker'
        ? parentRole.endsWith('worker')
          ? 'analysis worker'
          : 'corpus worker'
        : new URL(info.url).pathname;

/** Follows every isolate of the extension reachable from `cdp`, a session of one of its pages (`pagePath`). */
export async function followIsolates(cdp: CDPSession, extensionId: string, pagePath: string): Promise<{ sample(): Promise<IsolateHeap[]> }> {
  const root = rootTarget(cdp, pagePath);
  const targets: Target[] = [root];
  const seen = new Set<string>();
  const follow = async (target: Target) => {
    targets.push(target);
    // Workers it starts, now or later, are attached to it.
    target.listen((method, params) => {
      if (method !== 'Target.attachedToTarget' || seen.has(params.targetInfo.targetId)) return;
      seen.add(params.targetInfo.targetId);
      void follow(attachedTarget(target, params.sessionId, roleOf(params.targetInfo, target.role))).catch(() => undefined);
    });
    // A target that starts none (a service worker) may refuse.
    await target.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }).catch(() => undefined);
  };
  const discover = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const info of targetInfos) {
      if (!info.url.includes(extensionId) || seen.has(info.targetId)) continue;
      // Pages other than the offscreen document are the one measured from (the root), or closed during the load.
      if ((info.type === 'page' || info.type === 'iframe') && !info.url.includes('offscreen')) continue;
      seen.add(info.targetId);
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
      await follow(attachedTarget(root, sessionId, roleOf(info, '')));
    }
  };
  await discover();
  return {
    async sample() {
      await discover().catch(() => undefined);
      const heaps: IsolateHeap[] = [];
      await Promise.all(
        targets
          .filter((target) => !target.gone)
          .map(async ({ role, send }) => {
            const usage = await Promise.race([send('Runtime.getHeapUsage'), new Promise((r) => setTimeout(() => r(null), 1_000))]).catch(() => null);
            if (usage) heaps.push({ role, used: usage.usedSize, total: usage.totalSize, backing: usage.backingStorageSize ?? 0 });
          }),
      );
      return heaps.sort((a, b) => a.role.localeCompare(b.role));
    },
  };
}

/** The allocators reported, top level (bytes): what the process's private memory is made of. */
export const ALLOCATORS = ['v8', 'blink_gc', 'partition_alloc', 'malloc'] as const;
export type AllocatorSizes = Record<(typeof ALLOCATORS)[number] | 'footprint', number>;

/**
 * Chromium's memory-infra dumps of the extension process, one every
 * `everyMs` while tracing; `stop` returns each dump's allocator sizes, with
 * the time it was asked for (`clock()` then).
 */
export async function traceAllocators(cdp: CDPSession, everyMs: number, clock: () => number): Promise<{ stop(): Promise<Array<{ t: number } & AllocatorSizes>> }> {
  const events: any[] = [];
  cdp.on('Tracing.dataCollected' as any, ({ value }: any) => void events.push(...value.filter((e: any) => e.ph === 'v' || e.name === 'process_name')));
  await cdp.send('Tracing.start' as any, {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], excludedCategories: ['*'], memoryDumpConfig: { triggers: [] } },
  });
  // The dumps' ids in the trace are their guids, as the request's answer gives them (in hex there).
  const askedAt = new Map<string, number>();
  const guid = (id: string) => {
    try {
      return BigInt(id.startsWith('0x') ? id : `0x${id}`).toString();
    } catch {
      return id;
    }
  };
  const timer = setInterval(() => {
    const t = clock();
    void cdp
      .send('Tracing.requestMemoryDump' as any, { levelOfDetail: 'light' })
      .then(({ dumpGuid }: any) => askedAt.set(guid(String(dumpGuid)), t))
      .catch(() => undefined);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      const complete = new Promise((r) => cdp.once('Tracing.tracingComplete' as any, r));
      await cdp.send('Tracing.end' as any);
      await complete;
      const pid = events.find((e) => e.name === 'process_name' && e.args?.name === 'Extension Renderer')?.pid;
      const dumps = new Map<string, any>();
      for (const e of events) if (e.ph === 'v' && e.pid === pid) dumps.set(e.id, { ...dumps.get(e.id), ...e.args.dumps });
      const bytes = (value: string | undefined) => (value ? Number.parseInt(value, 16) : 0);
      return [...dumps]
        .map(([id, dump]) => ({
          t: askedAt.get(guid(id)) ?? NaN,
          footprint: bytes(dump.process_totals?.private_footprint_bytes),
          ...(Object.fromEntries(ALLOCATORS.map((name) => [name, bytes(dump.allocators?.[name]?.attrs?.size?.value)])) as Record<(typeof ALLOCATORS)[number], number>),
        }))
        .filter((d) => d.footprint > 0 && Number.isFinite(d.t))
        .sort((a, b) => a.t - b.t);
    },
  };
}
