/**
 * The popup's "Save this page": stores the article in the current tab as the
 * user's own, then says what was saved and what was found in it (or why
 * nothing was). A save made from the context menu or the keyboard shows here
 * the next time the popup opens.
 */
import { useState } from 'preact/hooks';
import type { SaveOutcome } from '../../messages';
import { plural } from '../format';

export interface SavePageProps {
  /** False on pages Backstory cannot read (browser pages, files). */
  canSave: boolean;
  save(): Promise<SaveOutcome>;
  /** The outcome of a save made since the popup last opened, if any. */
  last?: SaveOutcome | null;
  /** Opens the saved article in the side panel. */
  openArticle(articleId: string): void;
}


export function describeFound({ person, place, org, quotes }: Extract<SaveOutcome, { ok: true }>['found']): string {
  return [plural(person, 'person', 'people'), plural(place, 'place', 'places'), plural(org, 'organisation', 'organisations'), plural(quotes, 'quote', 'quotes')].join(', ');
}

export function SavePage({ canSave, save, last = null, openArticle }: SavePageProps) {
  const [state, setState] = useState<{ busy: boolean; outcome: SaveOutcome | null }>({ busy: false, outcome: last });
  const onClick = async () => {
    setState({ busy: true, outcome: null });
    const outcome = await save().catch((error: Error): SaveOutcome => ({ ok: false, error: error.message }));
    setState({ busy: false, outcome });
  };
  const { busy, outcome } = state;
  return (
    <section class="save-page" aria-label="Save this page">
      <button type="button" onClick={onClick} disabled={!canSave || busy}>
        {busy ? 'Saving…' : 'Save this page'}
      </button>
      <p class="save-outcome" role="status" aria-live="polite">
        {outcome?.ok === true && (
          <>
            {outcome.updated ? 'Updated' : 'Saved'}{' '}
            <a href="#" onClick={(e) => (e.preventDefault(), openArticle(outcome.articleId))}>
              “{outcome.title}”
            </a>
            : {describeFound(outcome.found)}.
          </>
        )}
        {outcome?.ok === false && <span class="error">{outcome.error}</span>}
        {!outcome && !canSave && 'Only web pages can be saved.'}
      </p>
    </section>
  );
}
