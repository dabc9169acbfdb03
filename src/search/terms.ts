/**
 * Query terms for both engines. No stemmer in the index (none fits FTS5 and InnoDB alike);
 * instead each query word is cut to a light French/English stem and searched as a prefix:
 * "pédagogie" → pédagog* finds pédagogique, pédagogues; "évaluation" → évalu* finds évaluer.
 */

/** InnoDB's default stopwords (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD): a required stopword matches nothing there. */
const INNODB_STOPWORDS = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(' '),
);

/** InnoDB indexes no word shorter than innodb_ft_min_token_size (3): shorter query words are dropped on both engines. */
export const MIN_TERM = 3;
const MIN_STEM = 4;
const MAX_TERMS = 8;

// Longest first; each keeps a stem of at least MIN_STEM letters.
const SUFFIXES = [
  'issements', 'issement', 'ements', 'ement', 'ations', 'ation', 'itions', 'ition', 'iques', 'ique', 'ismes', 'isme',
  'istes', 'iste', 'euses', 'euse', 'eurs', 'eur', 'ives', 'ive', 'ings', 'ing', 'ies', 'ées', 'ée', 'és', 'es', 'er', 'ie', 'é', 'e', 's', 'x',
];

/** Lowercase, accents kept (both engines fold them), split on anything that is not a letter or digit. */
export function words(q: string): string[] {
  return q
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The stem searched as a prefix. */
export function stem(word: string): string {
  const letters = [...word];
  for (const suffix of SUFFIXES) {
    const s = [...suffix];
    if (letters.length - s.length >= MIN_STEM && word.endsWith(suffix)) return letters.slice(0, letters.length - s.length).join('');
  }
  return word;
}

/** Distinct prefix terms of a query (empty when nothing is searchable: too short or only stopwords). */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  for (const w of words(q)) {
    if ([...w].length < MIN_TERM || INNODB_STOPWORDS.has(w)) continue;
    const s = stem(w);
    if (!out.includes(s)) out.push(s);
    if (out.length === MAX_TERMS) break;
  }
  return out;
}

/**
 * MariaDB BOOLEAN MODE: every term required, as a prefix, or one of its alternatives (a linked
 * tag's counterpart, each alternative's terms all required). Terms hold only letters and digits:
 * nothing to escape.
 */
export function booleanModeQuery(terms: string[], synonyms?: Map<string, string[][]>): string {
  return terms
    .map((t) => {
      const alts = synonyms?.get(t) ?? [];
      if (alts.length === 0) return `+${t}*`;
      return `+(${t}* ${alts.map((a) => (a.length === 1 ? `${a[0]}*` : `(${a.map((x) => `+${x}*`).join(' ')})`)).join(' ')})`;
    })
    .join(' ');
}

/** FTS5: every term required (implicit AND), each a quoted prefix, or one of its alternatives. */
export function fts5Query(terms: string[], synonyms?: Map<string, string[][]>): string {
  return terms
    .map((t) => {
      const alts = synonyms?.get(t) ?? [];
      if (alts.length === 0) return `"${t}"*`;
      return `("${t}"* OR ${alts.map((a) => (a.length === 1 ? `"${a[0]}"*` : `(${a.map((x) => `"${x}"*`).join(' ')})`)).join(' OR ')})`;
    })
    .join(' ');
}
