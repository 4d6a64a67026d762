import { errorMessage } from '../../messages';

/** A view whose query failed (a blocked or upgrading database): say so instead of "Loading…" forever. */
export function ViewError({ error }: { error: unknown }) {
  return (
    <article class="view">
      <h1 tabIndex={-1}>Backstory could not read its corpus</h1>
      <p role="alert">{errorMessage(error)}</p>
      <p class="note">Reopening the side panel usually helps; the corpus is rebuilt when the extension starts.</p>
    </article>
  );
}
