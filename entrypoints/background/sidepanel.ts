import type { Sender } from '../../lib/messages';

/** Side panel wiring (opening it, context menu, keyboard command). */
export function setupSidePanel(): void {}

export async function openSidePanel(
  _target: { entityId?: string; articleId?: string; query?: string },
  _sender: Sender,
): Promise<boolean> {
  return false;
}
