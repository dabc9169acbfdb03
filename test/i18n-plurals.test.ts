import assert from 'node:assert/strict';
import { translator, catalogKeys, type Lang } from '../src/i18n';

/**
 * Every catalogue string rendered with its numbers at 0, 1 and 2, in both languages (issue 19):
 * nothing left uninterpolated, and no number that disagrees with its noun or verb — French
 * takes the singular for 0 and 1 ("0 contribution", "1 membre a contribué"), English for 1 only.
 */

/** Variables that hold words, not numbers (everything else in a template is taken as a number). */
const WORDS = new Set(['stage', 'title', 'name', 'actor', 'community', 'who', 'when', 'date', 'label', 'reason', 'course', 'zone', 'role', 'kind', 'place', 'from', 'to', 'url', 'mentee', 'mentor', 'author', 'tag', 'query', 'q', 'issuer', 'platform', 'error', 'detail', 'status', 'cycle', 'category', 'since', 'until', 'deadline', 'link', 'email', 'rule', 'option', 'choice', 'names', 'list', 'lang', 'field', 'value', 'message', 'code', 'start', 'end', 'version', 'week']);
/** Upper bounds ("only 2 of {{launched}}", "from 2 to {{max}}"): below 2 the sentence cannot happen. */
const BOUNDS = new Set(['launched', 'max', 'eligible', 'roster', 'maximum', 'target']);

const FR_NOUNS = ['caractère', 'membre', 'contribution', 'demande', 'note', 'ressource', 'réponse', 'message', 'heure', 'rencontre', 'proposition', 'vote', 'piste', 'nouveauté', 'point', 'contributeur', 'notification', 'semaine', 'jour', 'résultat', 'élément', 'billet', 'commentaire', 'personne', 'minute', 'signalement', 'déclaration', 'page'];
const EN_NOUNS = ['character', 'member', 'contribution', 'request', 'note', 'resource', 'reply', 'message', 'hour', 'meeting', 'proposal', 'vote', 'voter', 'lead', 'point', 'contributor', 'notification', 'week', 'day', 'item', 'comment', 'person', 'minute', 'flag', 'declaration', 'page'];
const word = (w: string) => `${w}(?![\\p{L}])`;
const RULES: Record<Lang, Array<[string, RegExp]>> = {
  fr: [
    ['0 or 1 with a plural noun', new RegExp(`(?<![\\d.,])\\b[01] (${FR_NOUNS.map((n) => word(`${n}s`)).join('|')})`, 'u')],
    ['2 or more with a singular noun', new RegExp(`(?<![\\d.,])\\b([2-9]|[1-9]\\d+) (${FR_NOUNS.map(word).join('|')})`, 'u')],
    ['"0 or 1 of N … ont"', /\b[01] (des|sur) \d+ [^.;:()]*?\b(ont|sont)\b/u],
    ['"Seulement 0"', /\bSeulement 0\b/u],
    ['"0 or 1 … ont"', /(?<![\d.,])\b[01] (y )?(ont|sont)\b/u],
  ],
  en: [
    ['1 with a plural noun', new RegExp(`(?<![\\d.,])\\b1 (${EN_NOUNS.map((n) => word(`${n}s`)).join('|')})`, 'u')],
    ['0 or 2+ with a singular noun', new RegExp(`(?<![\\d.,])\\b(0|[2-9]|[1-9]\\d+) (${EN_NOUNS.map(word).join('|')})`, 'u')],
    ['"Only 0"', /\bOnly 0\b/u],
    ['"1 … have"', /(?<![\d.,])\b1 (have|are)\b/u],
  ],
};

/** Each key without its plural suffix, and the number variables its variants use. */
function templates(lang: Lang): Array<{ key: string; numbers: string[]; words: string[]; plural: boolean }> {
  const t = translator(lang);
  const keys = catalogKeys(lang);
  const bases = [...new Set(keys.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))];
  return bases.map((key) => {
    const variants = keys.filter((k) => k === key || (k.startsWith(`${key}_`) && /^(zero|one|two|few|many|other)$/.test(k.slice(key.length + 1))));
    const raw = variants.map((k) => String(t(k, { skipInterpolation: true } as never))).join(' ');
    const vars = [...new Set([...raw.matchAll(/\{\{(\w+)/g)].map((m) => m[1]))];
    return { key, numbers: vars.filter((v) => !WORDS.has(v)), words: vars.filter((v) => WORDS.has(v)), plural: variants.some((k) => k !== key) };
  });
}

describe('catalogue strings with numbers (0, 1, 2) in French and English', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`${lang}: every string renders completely and agrees with its numbers`, () => {
      const t = translator(lang);
      const problems: string[] = [];
      for (const { key, numbers, words, plural } of templates(lang)) {
        // A plural key whose text shows a formatted number instead of {{count}} (e.g. "1,5 point"): count moves with every number.
        const together = plural && !numbers.includes('count');
        for (const v of together ? ['count'] : numbers.length ? numbers : ['count']) {
          for (const n of [0, 1, 2]) {
            if (BOUNDS.has(v) && n < 2) continue;
            const values: Record<string, unknown> = Object.fromEntries(words.map((w) => [w, 'X']));
            Object.assign(values, { stage: 'sharing', kind: 'discussion' });
            for (const other of numbers) values[other] = together ? n : 2;
            values[v] = n;
            const out = String(t(key, values as never));
            if (/\{\{|\$t\(/.test(out) || out === key) problems.push(`${key} [${v}=${n}] left a placeholder: ${out}`);
            for (const [rule, re] of RULES[lang]) if (re.test(out)) problems.push(`${key} [${v}=${n}] ${rule}: ${out}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('reads the known patterns right', () => {
    const fr = translator('fr');
    assert.equal(fr('analytics.stage.evidence.forming', { count: 0, launched: 2, contributions: 0 }), 'Aucun des 2 membres venus dans CoPeR n’a contribué dans les 4 dernières semaines (0 contribution).');
    assert.equal(fr('analytics.stage.evidence.forming', { count: 1, launched: 2, contributions: 3 }), 'Seulement 1 des 2 membres venus dans CoPeR a contribué dans les 4 dernières semaines (3 contributions).');
    assert.match(fr('notifications.facilitator.contributors', { count: 1 }), /^1 membre a contribué$/);
    assert.match(fr('notifications.facilitator.contributors', { count: 0 }), /^Aucun membre n’a contribué$/);
    assert.equal(translator('en')('governance.tally_caption', { n: 1, eligible: 12 }), '1 voter out of 12 members');
  });
});
