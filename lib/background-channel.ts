/**
 * Extension pages (the popup, above all) ask the background over a
 * MessagePort straight to its service worker, where the background is one
 * (Chrome). runtime.sendMessage passes through the browser process's main
 * thread, which a page reloading twenty 2 MB frames ten times a second keeps
 * busy: about 300 ms a round trip at p95 there, against about 15 ms over a
 * port, whose messages stay within the extension's process (npm run bench --
 * hostile). In Firefox the
 * background is a page, not a service worker, and every request goes by
 * runtime messaging.
 *
 * A port lives only as long as the worker at its other end, and Chrome tells
 * the port nothing when that worker stops. So a port is opened by a message
 * to the worker (which starts it if it was stopped and keeps it 30 s more) and
 * used for PORT_FRESH_MS only; the next request after that opens another. For
 * a worker that stops inside that time anyway (a crash, an update), a request
 * still waiting after a while pings the port; when a ping goes unanswered, the
 * port is dropped and the requests still waiting go again by runtime
 * messaging. (Such a request may have run once already: the extension pages'
 * requests are reads, or a save that stores the page again in place.)
 */
import type { Reply, Sender } from './messages';

/** What an extension page posts to the service worker, with the port to answer on. */
export const CONNECT_MESSAGE = 'backstory/connect';
/** How long a port is used after the message that opened it: well inside the 30 s Chrome keeps a worker after an event. */
export const PORT_FRESH_MS = 20_000;
/** How long a request waits before a ping asks whether the worker is still there, and how long that ping may take. */
export const PING_AFTER_MS = 1_000;
/**
 * Requests that must reach the background within the user's click: opening
 * the side panel needs it, and Chrome passes a click along runtime messages only.
 */
const NEEDS_USER_GESTURE = new Set<unknown>(['sidepanel/open']);

type ToWorker = { id: number; message: unknown } | { id: number; ping: true };
type FromWorker = { id: number; reply: Reply } | { id: number; pong: true };

/** The service worker as an extension page sees it (ServiceWorkerRegistration.active). */
export interface WorkerEnd {
  postMessage(message: unknown, transfer: Transferable[]): void;
}

interface Waiting {
  message: unknown;
  /** Takes the reply, or a promise of it (the request sent again by runtime messaging). */
  resolve: (reply: unknown) => void;
}

interface Channel {
  port: MessagePort;
  openedAt: number;
  waiting: Map<number, Waiting>;
  /** Pings every pingAfterMs while requests wait; null when none does. */
  watch: ReturnType<typeof setInterval> | null;
  pingUnanswered: boolean;
  retired: boolean;
}

export interface BackgroundSenderOptions {
  /** runtime.sendMessage: the way that always works, and the only one in Firefox. */
  runtimeSend: (message: unknown) => Promise<unknown>;
  /** The extension's active service worker, or null where there is none (Firefox, or Chrome between versions). */
  worker: () => Promise<WorkerEnd | null>;
  now?: () => number;
  pingAfterMs?: number;
}

/**
 * A send function for extension pages: the same requests and replies as
 * runtime.sendMessage (lib/messages.ts `request` unwraps them), carried over
 * a port to the service worker where one answers.
 */
export function backgroundSender({ runtimeSend, worker, now = () => performance.now(), pingAfterMs = PING_AFTER_MS }: BackgroundSenderOptions) {
  let current: Channel | null = null;
  let opening: Promise<Channel | null> | null = null;
  let nextId = 1;

  const stopWatching = (channel: Channel) => {
    if (channel.watch !== null) clearInterval(channel.watch);
    channel.watch = null;
  };
  const close = (channel: Channel) => {
    stopWatching(channel);
    channel.port.close();
  };

  /** The worker is gone: the port goes, and what waited on it goes by runtime messaging. */
  const abandon = (channel: Channel) => {
    channel.retired = true;
    if (current === channel) current = null;
    close(channel);
    for (const { message, resolve } of channel.waiting.values()) resolve(runtimeSend(message));
    channel.waiting.clear();
  };

  const watch = (channel: Channel) => {
    if (channel.watch !== null) return;
    channel.pingUnanswered = false;
    channel.watch = setInterval(() => {
      if (channel.waiting.size === 0) {
        stopWatching(channel);
      } else if (channel.pingUnanswered) {
        abandon(channel);
      } else {
        channel.pingUnanswered = true;
        channel.port.postMessage({ id: nextId++, ping: true } satisfies ToWorker);
      }
    }, pingAfterMs);
  };

  const open = async (): Promise<Channel | null> => {
    const end = await worker().catch(() => null);
    if (!end) return null;
    const { port1, port2 } = new MessageChannel();
    const channel: Channel = { port: port1, openedAt: now(), waiting: new Map(), watch: null, pingUnanswered: false, retired: false };
    port1.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if ('pong' in data) {
        channel.pingUnanswered = false;
        return;
      }
      const waiting = channel.waiting.get(data.id);
      if (!waiting) return;
      channel.waiting.delete(data.id);
      waiting.resolve(data.reply);
      if (channel.retired && channel.waiting.size === 0) close(channel);
    };
    try {
      end.postMessage({ type: CONNECT_MESSAGE }, [port2]);
    } catch {
      port1.close(); // a worker being replaced: runtime messaging reaches its successor
      return null;
    }
    return channel;
  };

  /** The port to use now: the current one while fresh, else a new one (null: there is no service worker to open one to). */
  const channelNow = async (): Promise<Channel | null> => {
    if (current && now() - current.openedAt < PORT_FRESH_MS) return current;
    if (current) {
      current.retired = true; // its waiting requests still finish on it
      if (current.waiting.size === 0) close(current);
      current = null;
    }
    opening ??= open().finally(() => (opening = null));
    return (current = await opening);
  };

  return async function send(message: unknown): Promise<unknown> {
    // Before any await: the click's gesture must still hold when runtime.sendMessage is called.
    if (NEEDS_USER_GESTURE.has((message as { type?: unknown } | null)?.type)) return runtimeSend(message);
    const channel = await channelNow();
    if (!channel) return runtimeSend(message);
    const id = nextId++;
    const reply = new Promise<unknown>((resolve) => channel.waiting.set(id, { message, resolve }));
    channel.port.postMessage({ id, message } satisfies ToWorker);
    watch(channel);
    return reply;
  };
}

/** As much of a service worker's 'message' event (ExtendableMessageEvent) as the background reads. */
export interface ConnectEvent {
  data: unknown;
  origin: string;
  ports: readonly MessagePort[];
  source: { url?: string } | null;
}

/**
 * The service worker's end: each port an extension page of this origin
 * opens is answered through `answer` (lib/messages.ts `respond`, which checks
 * the sender as for runtime messages: here, the page's URL).
 */
export function acceptBackgroundChannels(
  scope: { addEventListener(type: 'message', listener: (event: ConnectEvent) => void): void },
  ownOrigin: string,
  answer: (message: unknown, sender: Sender) => Promise<Reply>,
): void {
  scope.addEventListener('message', ({ data, origin, ports, source }) => {
    if (origin !== ownOrigin || (data as { type?: unknown } | null)?.type !== CONNECT_MESSAGE || ports.length !== 1) return;
    const sender: Sender = { url: source?.url };
    const port = ports[0];
    port.onmessage = ({ data }: MessageEvent<ToWorker>) => {
      if (typeof data !== 'object' || data === null || !Number.isSafeInteger(data.id)) return;
      if ('ping' in data) port.postMessage({ id: data.id, pong: true } satisfies FromWorker);
      else void answer(data.message, sender).then((reply) => port.postMessage({ id: data.id, reply } satisfies FromWorker));
    };
  });
}
