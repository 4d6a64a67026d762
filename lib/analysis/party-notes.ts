/**
 * The party-and-state note American copy puts after a politician's name:
 * "Sen. Ada Morrow (R-Utah)", "Rep. Jane Doe (D-Ore.)", "Gov. Tom Hale (R)",
 * "(I-N.Y.)", "(D-Newport News)". It qualifies the name before it; it is
 * neither a name of its own nor a piece of the reporting clause.
 */
const PARTY_NOTE = /\((?:[RDI]|[RDI]-\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)\)/gu;

/** The text with every party-state note, brackets included, blanked to spaces (offsets stay). */
export function blankPartyNotes(text: string): string {
  return text.includes('(') ? text.replace(PARTY_NOTE, (note) => ' '.repeat(note.length)) : text;
}
