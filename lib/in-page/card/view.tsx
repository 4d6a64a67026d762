/** Renders the card into its shadow root (created on first use) and keeps it in the viewport. */
import { render } from 'preact';
import type { EntityCard } from '../../messages';
import { Card, type CardState } from './Card';
import { clickPoint, isFullyVisible } from './exposure';
import { placeCard, type Box } from './position';

export interface CardSurface {
  /** Where the card renders, inside a closed shadow root. */
  container: HTMLElement;
  /** The shadow host in the page: events from inside the card arrive with this as their target. */
  host: HTMLElement;
}

export interface CardActions {
  openSidePanel(entityId: string): void;
  /** Returns a note to show when the popup could not be opened from the page. */
  search(query: string): Promise<string | null>;
}

export class CardView {
  private surface: CardSurface | null = null;
  private state: CardState | null = null;
  private note: string | null = null;
  private anchor: Box | null = null;
  private onClose: () => void = () => undefined;

  constructor(
    private readonly createSurface: () => Promise<CardSurface>,
    private readonly actions: CardActions,
  ) {}

  get isOpen(): boolean {
    return this.state !== null;
  }

  owns(target: EventTarget | null): boolean {
    return !!this.surface && target === this.surface.host;
  }

  async show(state: CardState, anchor: Box, options: { focus: boolean; onClose(): void }): Promise<void> {
    this.state = state;
    this.anchor = anchor;
    this.note = null;
    this.onClose = options.onClose;
    if (!this.surface) {
      this.surface = await this.createSurface();
      guardClicks(this.surface);
    }
    this.paint();
    if (options.focus) this.cardElement()?.focus();
  }

  update(card: EntityCard | null, name: string): void {
    if (!this.state) return;
    this.state = card ? { status: 'ready', card } : { status: 'missing', name };
    this.paint();
  }

  hide(): void {
    this.state = null;
    if (this.surface) render(null, this.surface.container);
  }

  private cardElement(): HTMLElement | null {
    return this.surface?.container.querySelector<HTMLElement>('.card') ?? null;
  }

  private paint(): void {
    if (!this.surface || !this.state) return;
    render(
      <Card
        state={this.state}
        note={this.note}
        onClose={this.onClose}
        onOpenSidePanel={(id) => this.actions.openSidePanel(id)}
        onSearch={(query) =>
          void this.actions.search(query).then((note) => {
            this.note = note;
            this.paint();
          })
        }
      />,
      this.surface.container,
    );
    const el = this.cardElement();
    if (!el || !this.anchor) return;
    const view = el.ownerDocument.defaultView!;
    el.style.maxHeight = '';
    const { left, top, maxHeight } = placeCard(this.anchor, { width: el.offsetWidth, height: el.offsetHeight }, { width: view.innerWidth, height: view.innerHeight });
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    if (maxHeight !== undefined) el.style.maxHeight = `${maxHeight}px`;
  }
}

/**
 * Stops every click inside the card before it reaches a button or link,
 * unless the user made it (isTrusted) while the card was fully visible
 * (exposure.ts): a page cannot click the card for the user, nor get a click
 * on it by hiding it under a decoy.
 */
function guardClicks(surface: CardSurface): void {
  surface.container.addEventListener(
    'click',
    (event) => {
      if (event.isTrusted && isFullyVisible(surface.host, clickPoint(event as MouseEvent))) return;
      event.stopImmediatePropagation();
      event.preventDefault();
    },
    { capture: true },
  );
}
