import { prominentEntities } from '../../store/profile';
import { useLiveQuery } from '../useLiveQuery';
import { usePanel } from './context';
import { EntityLink, TYPE_LABEL } from './links';
import { plural } from '../format';

export function HomeView() {
  const { db } = usePanel();
  const prominent = useLiveQuery(() => prominentEntities(db), []);
  return (
    <article class="view">
      <h1 tabIndex={-1}>Backstory</h1>
      <p>
        Search for a person, place or organisation, or a question such as <em>Tusk on Ukraine</em>. Names highlighted on
        pages open here too.
      </p>
      {prominent.value && prominent.value.length === 0 && <p class="note">The corpus is still being analysed.</p>}
      {prominent.value && prominent.value.length > 0 && (
        <section aria-labelledby="prominent-heading">
          <h2 id="prominent-heading">Most quoted</h2>
          <ul class="entities">
            {prominent.value.map((entity) => (
              <li key={entity.id}>
                <EntityLink id={entity.id} type={entity.type}>
                  {entity.name}
                </EntityLink>{' '}
                <span class="meta">
                  {TYPE_LABEL[entity.type]} · {plural(entity.quoteCount, 'quote')} · {plural(entity.articleCount, 'article')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
