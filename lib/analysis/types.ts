export type EntityType = 'person' | 'place' | 'org';

/** A person, place or organisation, one record across the whole corpus. */
export interface Entity {
  /** Stable id derived from type and canonical name, e.g. "person:donald-tusk". */
  id: string;
  name: string;
  type: EntityType;
  /** Other names seen for it ("Tusk", "Nato", "Zelenskiy"), without the canonical name. */
  aliases: string[];
  /** Roles and descriptions seen beside the name ("Polish Prime Minister"). */
  roles: string[];
}

/** One occurrence of an entity in an article's text ([start, end) string offsets). */
export interface Mention {
  entityId: string;
  articleId: string;
  start: number;
  end: number;
}

/** A direct quotation; text without its quote marks, offsets of the quoted text. */
export interface Quote {
  /** Stable id: `${articleId}#${start}`. */
  id: string;
  articleId: string;
  text: string;
  start: number;
  end: number;
  speakerId: string | null;
  /** How the text describes the speaker when no entity is named ("the spokesperson"). */
  speakerDescription: string | null;
}

export interface AnalysisInput {
  id: string;
  text: string;
}

export interface Analysis {
  entities: Entity[];
  mentions: Mention[];
  quotes: Quote[];
}
