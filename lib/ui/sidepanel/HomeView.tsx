import type { EntityRecord } from '../../store/db';
import { prominentEntities } from '../../store/profile';
import { plural } from '../format';
import { useLiveQuery } from '../useLiveQuery';
import { usePanel } from './context';
import { EntityLink, TYPE_LABEL } from './links';

/** Entries in each of the start page's lists. */
const START_LIST_LENGTH = 8;

export function HomeView() {
  const { db } = usePanel();
  const lists = useLiveQuery(() => prominentEntities(db, START_LIST_LENGTH), []);
  return (
    <article class="view">
      <h1 tabIndex={-1}>Backstory</h1>
      <p>
        Search for a person, place or organisation, or ask a question such as <em>Tusk on Ukraine</em>. Names highlighted
        on pages open here too.
      </p>
      {lists.value && !lists.value.quoted.length && !lists.value.mentioned.length && (
        <p class="note">The corpus is still being analysed.</p>
      )}
      {lists.value && <EntityList id="quoted" title="Most quoted" entities={lists.value.quoted} />}
      {lists.value && <EntityList id="mentioned" title="Most mentioned" entities={lists.value.mentioned} />}
    </article>
  );
}

function EntityList({ id, title, entities }: { id: string; title: string; entities: EntityRecord[] }) {
  if (!entities.length) return null;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <ul class="entities">
        {entities.map((entity) => (
          <li key={entity.id}>
            <EntityLink id={entity.id} type={entity.type}>
              {entity.name}
            </EntityLink>{' '}
            <span class="meta">
              {TYPE_LABEL[entity.type]}
              {entity.quoteCount > 0 && ` · ${plural(entity.quoteCount, 'quote')}`} · {plural(entity.articleCount, 'article')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
