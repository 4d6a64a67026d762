import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BackstoryDb } from '../../store/db';
import type { Route } from './router';

/** What every view needs from the panel around it. */
export interface Panel {
  db: BackstoryDb;
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** Writes text to the clipboard; rejects when the browser refuses. */
  copy(text: string): Promise<void>;
  /** Says something to screen readers through the panel's live region. */
  announce(message: string): void;
}

export const PanelContext = createContext<Panel | null>(null);

export function usePanel(): Panel {
  const panel = useContext(PanelContext);
  if (!panel) throw new Error('usePanel outside <SidePanel>');
  return panel;
}
