/**
 * Datelines: a line that is nothing but a publication date, in the forms news
 * sites print ("Friday, November 22, 2024", "22 November 2024",
 * "Nov. 22, 2024", "2024-11-22", each with an optional weekday, an optional
 * "Published"/"Updated" label and an optional time of day).
 */

const MONTH_NUMBERS: Record<string, number> = {
  january: 1, jan: 1,
  february: 2, feb: 2,
  march: 3, mar: 3,
  april: 4, apr: 4,
  may: 5,
  june: 6, jun: 6,
  july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

const MONTH = `(${Object.keys(MONTH_NUMBERS).join('|')})\\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;

const LABEL = String.raw`(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*)?`;
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;

/** "10:30", "10.30am", "3 p.m.", each with an optional zone: "GMT", "ET", "UTC+2". */
const TIME = String.raw`(?:at\s+)?(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)(?:\s*\(?[a-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?`;
const TIME_TAIL = String.raw`(?:[\s,|·•–—-]+${TIME})?`;
const ISO_TIME_TAIL = String.raw`(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|${TIME_TAIL})`;

const START = `^${LABEL}${WEEKDAY}`;
const END = String.raw`\s*$`;

const DAY_MONTH_YEAR = new RegExp(`${START}${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}${TIME_TAIL}${END}`, 'i');
const MONTH_DAY_YEAR = new RegExp(`${START}${MONTH}\\s+${DAY},?\\s+${YEAR}${TIME_TAIL}${END}`, 'i');
const YEAR_MONTH_DAY = new RegExp(String.raw`${START}(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${ISO_TIME_TAIL}${END}`, 'i');

/** The ISO date (yyyy-mm-dd) of a dateline, or null when the line is not one. */
export function parseDateline(line: string): string | null {
  const text = line.trim();
  let match = DAY_MONTH_YEAR.exec(text);
  if (match) return isoDate(match[3], MONTH_NUMBERS[match[2].toLowerCase()], match[1]);
  match = MONTH_DAY_YEAR.exec(text);
  if (match) return isoDate(match[3], MONTH_NUMBERS[match[1].toLowerCase()], match[2]);
  match = YEAR_MONTH_DAY.exec(text);
  if (match) return isoDate(match[1], Number(match[2]), match[3]);
  return null;
}

function isoDate(yearText: string, month: number, dayText: string): string | null {
  const year = Number(yearText);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${yearText}-${pad2(month)}-${pad2(day)}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST shifts.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
