/**
 * Which word of a person's full name is the surname. English news keeps the
 * East Asian order for Chinese, Korean and Vietnamese names: the surname comes
 * first ("Xi Jinping", "Kim Jong Un", "Lam Cheuk-ting"), so "Un" is not
 * Mr Kim's surname and "Xi" is what later sentences call him.
 */
import { hasClass } from './lexicon';

/** Common Chinese (pinyin, Cantonese and Taiwanese spellings), Korean and Vietnamese surnames. */
const EAST_ASIAN_SURNAMES = new Set([
  // Mandarin (pinyin)
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he',
  'lin', 'gao', 'luo', 'zheng', 'liang', 'xie', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao', 'tian',
  'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lu', 'ding', 'ren', 'shen', 'yao', 'xi',
  'jin', 'qin', 'bai', 'fu', 'xue', 'lei', 'hou', 'duan', 'hao', 'kong', 'shao', 'mao', 'wen', 'meng', 'zhong', 'qian',
  // Cantonese and Taiwanese spellings
  'wong', 'chan', 'cheung', 'leung', 'lau', 'lam', 'ho', 'ng', 'tsang', 'kwok', 'chow', 'yip', 'yeung', 'tam', 'fung',
  'tse', 'lai', 'mak', 'kwan', 'kwong', 'mok', 'siu', 'shiu', 'hui', 'tsui', 'tsoi', 'chu', 'chiu', 'yau', 'chiang', 'hsu',
  'tsai', 'lien', 'soong', 'chung', 'kuo', 'lo', 'ip', 'poon', 'chui', 'yung', 'hau', 'sze', 'hsieh', 'teng', 'tseng',
  // Korean
  'kim', 'lee', 'park', 'choi', 'jung', 'jeong', 'kang', 'cho', 'yoon', 'jang', 'lim', 'seo', 'shin', 'kwon', 'hwang',
  'ahn', 'hong', 'jeon', 'moon', 'baek', 'bae', 'nam', 'roh', 'ryu', 'yoo',
  // Vietnamese
  'nguyen', 'tran', 'pham', 'hoang', 'huynh', 'phan', 'vo', 'bui', 'ngo', 'duong',
]);

/** Given names written as syllables ("Jong Un", "Jae-in", "Wai-keung") run to at most this many words. */
const MAX_GIVEN_NAME_WORDS = 2;

const wordsOf = (name: string) => name.trim().split(/\s+/);

/**
 * "Xi Jinping", "Moon Jae-in", "Kim Jong Un": a known East Asian surname
 * followed by a given name that is no Western first name. "Kim" and "Lee" are
 * Western first names too, so for them the given name must look East Asian
 * (hyphenated or two syllables): "Kim Kardashian" and "Lee Harvey Oswald" keep Western order.
 */
export function isSurnameFirst(words: string[]): boolean {
  const given = words.slice(1);
  if (given.length === 0 || given.length > MAX_GIVEN_NAME_WORDS || !EAST_ASIAN_SURNAMES.has(words[0].toLowerCase())) return false;
  if (given.some((w) => hasClass(w, 'firstName') || !/^\p{Lu}/u.test(w))) return false;
  const alsoWesternFirstName = hasClass(words[0], 'firstName') || hasClass(words[0], 'person');
  return !alsoWesternFirstName || given.length > 1 || given[0].includes('-');
}

/** The surname as written: the first word in East Asian order, else the last. */
export function surnameOf(fullName: string): string {
  const words = wordsOf(fullName);
  return opensWithEastAsianSurname(fullName) && isSurnameFirst(words) ? words[0] : words[words.length - 1];
}

/** The given name's first word: the second word in East Asian order, else the first. */
export function givenNameOf(fullName: string): string {
  const words = wordsOf(fullName);
  return opensWithEastAsianSurname(fullName) && isSurnameFirst(words) ? words[1] : words[0];
}

/** A cheap first test, since names are split and compared pairwise often. */
function opensWithEastAsianSurname(fullName: string): boolean {
  const name = fullName.trimStart();
  const space = name.search(/\s/);
  return space > 0 && EAST_ASIAN_SURNAMES.has(name.slice(0, space).toLowerCase());
}

export const isEastAsianSurname = (word: string) => EAST_ASIAN_SURNAMES.has(word.toLowerCase());

/**
 * Lower-case particles inside a surname or opening it when written alone
 * ("Charles de Gaulle", "von der Leyen", "Mohammed bin Salman").
 */
const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'von', 'van', 'de', 'der', 'den', 'da', 'di', 'del', 'della', 'du', 'dos', 'das', 'le', 'la', 'al', 'el', 'bin', 'ibn', 'abu',
]);
export const isSurnameParticle = (word: string) => SURNAME_PARTICLES.has(word.toLowerCase());

/** Particles glued to the rest of a name by a hyphen ("al-Sharaa", "bin-Talal"): part of the name, not a prefix. */
const HYPHENATED_PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'bin', 'ibn', 'abu']);
export const isHyphenatedParticle = (word: string) => HYPHENATED_PARTICLES.has(word);
