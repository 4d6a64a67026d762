/**
 * How the background tells the side panel where to go. chrome.sidePanel.open()
 * takes no URL and must run in the user's gesture, so the background writes the
 * target to session storage first; a panel that is opening reads it at start,
 * one that is already open follows the change.
 */
export const HANDOFF_KEY = 'sidepanel:navigate';

/** A target older than this is left over from an earlier open, not meant for a panel starting now. */
export const HANDOFF_MAX_AGE_MS = 10_000;

export interface Handoff {
  hash: string;
  /** The browser window whose panel should follow; undefined for any. */
  windowId?: number;
  at: number;
}

export function isHandoff(value: unknown): value is Handoff {
  const v = value as Handoff | null;
  return typeof v === 'object' && v !== null && typeof v.hash === 'string' && v.hash.startsWith('#/') && typeof v.at === 'number';
}

/** Whether the panel in `windowId` should follow this handoff. */
export function handoffFor(value: unknown, windowId: number | undefined, now: number): Handoff | null {
  if (!isHandoff(value)) return null;
  if (now - value.at > HANDOFF_MAX_AGE_MS) return null;
  if (value.windowId !== undefined && windowId !== undefined && value.windowId !== windowId) return null;
  return value;
}
