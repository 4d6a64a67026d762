import { afterEach, describe, expect, it } from 'vitest';
import { acceptBackgroundChannels, backgroundSender, CONNECT_MESSAGE, PORT_FRESH_MS, type ConnectEvent, type WorkerEnd } from '../../lib/background-channel';
import { request, respond, type Handlers, type Reply } from '../../lib/messages';

const EXTENSION_ORIGIN = 'chrome-extension://abcdef';
const POPUP_URL = `${EXTENSION_ORIGIN}/popup.html`;
/** Short, so a dead worker is found out within the test. */
const PING_AFTER_MS = 20;

const status = (articles: number) => ({ state: 'ready' as const, articles, errors: [] });

/**
 * A service worker's end in this process: the background's own listener
 * (acceptBackgroundChannels with lib/messages.ts `respond`), fed the
 * 'message' events a page's postMessage would raise. `stop()` makes it a
 * stopped worker: ports open on it are never answered again.
 */
function fakeServiceWorker(handlers: Partial<Handlers>, { origin = EXTENSION_ORIGIN, url = POPUP_URL } = {}) {
  let listener: ((event: ConnectEvent) => void) | null = null;
  const ports: MessagePort[] = [];
  acceptBackgroundChannels({ addEventListener: (_type, l) => (listener = l) }, EXTENSION_ORIGIN, (message, sender) => respond(handlers as Handlers, message, sender, `${EXTENSION_ORIGIN}/`));
  const end: WorkerEnd & { connects: number; stop(): void } = {
    connects: 0,
    postMessage(message, transfer) {
      end.connects++;
      const port = transfer[0] as MessagePort;
      ports.push(port);
      listener!({ data: message, origin, ports: [port], source: { url } });
    },
    stop() {
      for (const port of ports) port.onmessage = null;
    },
  };
  return end;
}

const opened: Array<{ stop(): void }> = [];
afterEach(() => opened.splice(0).forEach((w) => w.stop()));

type FakeWorker = ReturnType<typeof fakeServiceWorker>;

function setUp(handlers: Partial<Handlers>, options: { worker?: FakeWorker | null; now?: () => number } = {}) {
  const worker = options.worker === undefined ? fakeServiceWorker(handlers) : options.worker;
  if (worker) opened.push(worker);
  const byRuntime: unknown[] = [];
  const send = backgroundSender({
    runtimeSend: async (message) => {
      byRuntime.push(message);
      return { ok: true, value: status(-1) } satisfies Reply;
    },
    worker: async () => worker,
    now: options.now,
    pingAfterMs: PING_AFTER_MS,
  });
  return { send, byRuntime, worker };
}

describe('extension pages’ channel to the service worker', () => {
  it('carries requests and their replies over one port, checked by the background as runtime messages are', async () => {
    let asked = 0;
    const { send, byRuntime, worker } = setUp({ 'corpus/status': () => status(++asked) });
    expect(await request(send, { type: 'corpus/status' })).toEqual(status(1));
    expect(await Promise.all([1, 2, 3].map(() => request(send, { type: 'corpus/status' })))).toEqual([status(2), status(3), status(4)]);
    expect(byRuntime).toEqual([]);
    expect(worker!.connects).toBe(1);
    // The background still refuses what a runtime message could not ask: the checks are respond()'s.
    await expect(request(send, { type: 'entity/card', entityId: 'person:x' } as never)).rejects.toThrow(/Not allowed/);
  });

  it('refuses ports from another origin, and carries no sender but the page that opened the port', async () => {
    const foreign = fakeServiceWorker({ 'corpus/status': () => status(1) }, { origin: 'https://news.example' });
    opened.push(foreign);
    const { send, byRuntime } = setUp({}, { worker: foreign });
    // Never answered on the port: the ping goes unanswered and the request goes by runtime messaging.
    expect(await request(send, { type: 'corpus/status' })).toEqual(status(-1));
    expect(byRuntime).toEqual([{ type: 'corpus/status' }]);

    const webPage = fakeServiceWorker({ 'corpus/status': () => status(1) }, { url: 'https://news.example/story' });
    opened.push(webPage);
    await expect(request(setUp({}, { worker: webPage }).send, { type: 'corpus/status' })).rejects.toThrow(/Not allowed/);
  });

  it('sends what needs the user’s click, and everything where no service worker takes a port, by runtime messaging', async () => {
    const { send, byRuntime, worker } = setUp({ 'corpus/status': () => status(1) });
    await send({ type: 'sidepanel/open', entityId: 'person:x' });
    expect(byRuntime).toEqual([{ type: 'sidepanel/open', entityId: 'person:x' }]);
    expect(worker!.connects).toBe(0);

    const replaced = setUp({}, { worker: { ...fakeServiceWorker({}), postMessage: () => { throw new Error('InvalidStateError'); } } });
    expect(await request(replaced.send, { type: 'corpus/status' })).toEqual(status(-1));
    expect(replaced.byRuntime).toEqual([{ type: 'corpus/status' }]);

    const firefox = setUp({}, { worker: null });
    expect(await request(firefox.send, { type: 'corpus/status' })).toEqual(status(-1));
    expect(firefox.byRuntime).toEqual([{ type: 'corpus/status' }]);
  });

  it('opens a new port once the last is no longer fresh, so it never outlives the worker it was opened to', async () => {
    let clock = 0;
    const { send, worker } = setUp({ 'corpus/status': () => status(1) }, { now: () => clock });
    await send({ type: 'corpus/status' });
    clock += PORT_FRESH_MS - 1;
    await send({ type: 'corpus/status' });
    expect(worker!.connects).toBe(1);
    clock += 1;
    await send({ type: 'corpus/status' });
    expect(worker!.connects).toBe(2);
  });

  it('waits for a slow answer while the worker answers pings, and sends again by runtime messaging when it stopped', async () => {
    let finish: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const { send, byRuntime, worker } = setUp({
      'corpus/status': async () => {
        await slow;
        return status(7);
      },
    });
    const answered = request(send, { type: 'corpus/status' });
    await new Promise((resolve) => setTimeout(resolve, PING_AFTER_MS * 6));
    finish();
    expect(await answered).toEqual(status(7));
    expect(byRuntime).toEqual([]);

    worker!.stop();
    expect(await request(send, { type: 'corpus/status' })).toEqual(status(-1));
    expect(byRuntime).toEqual([{ type: 'corpus/status' }]);
    // The dead port is dropped: the next request opens another.
    expect(worker!.connects).toBe(1);
    await send({ type: 'corpus/status' });
    expect(worker!.connects).toBe(2);
  });

  it('ignores other messages to the service worker', () => {
    const seen: unknown[] = [];
    acceptBackgroundChannels({ addEventListener: (_t, l) => seen.push(l) }, EXTENSION_ORIGIN, async () => ({ ok: true, value: null }));
    const { port1, port2 } = new MessageChannel();
    const listener = seen[0] as (e: unknown) => void;
    listener({ data: { type: 'something else' }, origin: EXTENSION_ORIGIN, ports: [port2], source: { url: POPUP_URL } });
    listener({ data: { type: CONNECT_MESSAGE }, origin: EXTENSION_ORIGIN, ports: [], source: { url: POPUP_URL } });
    expect(port2.onmessage).toBeNull();
    port1.close();
  });
});
