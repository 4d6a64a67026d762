import { useState } from 'preact/hooks';
import type { QuoteRecord } from '../../store/db';
import type { ArticleSummary } from '../../store/profile';
import { articleHeading, formatCitation, formatDate, truncate } from '../format';
import { usePanel } from './context';
import { articleHref, ArticleLine, EntityLink } from './links';

export interface QuoteItemProps {
  quote: QuoteRecord;
  article: ArticleSummary;
  /** The speaker's name when known as an entity. */
  speakerName: string | null;
  /** Profiles leave the speaker out of their own "said" list. */
  showSpeaker?: boolean;
  /** Names the article under the quote, for lists not grouped by article. */
  showArticle?: boolean;
}

/** An article named under a quote gets one line or two at panel widths, not a paragraph. */
const SOURCE_HEADING_CHARS = 70;

/** How long "Copied" stays on the button; long enough to notice, short enough to copy again. */
const COPIED_FEEDBACK_MS = 2_000;

export function QuoteItem({ quote, article, speakerName, showSpeaker = true, showArticle = false }: QuoteItemProps) {
  const panel = usePanel();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const speaker = speakerName ?? quote.speakerDescription;

  const copy = async () => {
    const citation = formatCitation({ text: quote.text, speaker, article });
    try {
      await panel.copy(citation);
      setCopied('yes');
      panel.announce('Quote copied with citation');
    } catch {
      setCopied('failed');
      panel.announce('Could not copy: the browser refused access to the clipboard');
    }
    setTimeout(() => setCopied(null), COPIED_FEEDBACK_MS);
  };

  return (
    <li class="quote-item">
      <blockquote cite={articleHref(article.id, quote.id)}>
        <p>“{quote.text}”</p>
      </blockquote>
      <p class="quote-meta">
        {showSpeaker && (
          <span class="speaker">
            —{' '}
            {quote.speakerId && speakerName ? (
              <EntityLink id={quote.speakerId}>{speakerName}</EntityLink>
            ) : (
              (speaker ?? 'unknown speaker')
            )}
          </span>
        )}
        {showArticle && (
          <span class="quote-source">
            in <a href={articleHref(article.id)}>{truncate(articleHeading(article), SOURCE_HEADING_CHARS)}</a>,{' '}
            {formatDate(article.date)}
          </span>
        )}
        <span class="quote-actions">
          <a href={articleHref(article.id, quote.id)} aria-label={`In context: “${truncate(quote.text, 40)}”`}>
            In context
          </a>
          <button type="button" class="copy" onClick={copy}>
            {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy with citation'}
          </button>
        </span>
      </p>
    </li>
  );
}

/** Quotes grouped under their article's heading, as the profile and search list them. */
export function QuoteGroups({
  groups,
  names,
  showSpeaker,
}: {
  groups: { article: ArticleSummary; quotes: QuoteRecord[] }[];
  names: Record<string, string>;
  showSpeaker: boolean;
}) {
  return (
    <>
      {groups.map(({ article, quotes }) => (
        <section class="quote-group" key={article.id}>
          <ArticleLine article={article} />
          <ul class="quotes">
            {quotes.map((q) => (
              <QuoteItem
                key={q.id}
                quote={q}
                article={article}
                speakerName={q.speakerId ? (names[q.speakerId] ?? null) : null}
                showSpeaker={showSpeaker}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
