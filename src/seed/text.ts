/**
 * A small text generator for the seed data: titles and Markdown bodies in French or English, of
 * varied length, about one practice (teaching, nursing, advising). Sentences are templates over
 * the vocabulary's noun phrases; everything comes from the Rng, so the same seed writes the same texts.
 */
import type { Rng } from './random';
import { LEXICONS, type Domain, type Lang, type Lexicon } from './vocabulary';

export type { Domain, Lang } from './vocabulary';

type Slot = keyof Omit<Lexicon, 'tags'>;
const cap = (s: string) => s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);

const SENTENCES: Record<Lang, string[]> = {
  fr: [
    'Dans mon milieu, {context}, j’ai essayé {practice} pour travailler {topic}.',
    'Avec {people}, on observe depuis quelques semaines {outcome}.',
    'Je me demande comment adapter {practice} {context}.',
    'Avez-vous déjà utilisé {practice} avec {people}?',
    'Ce qui a fonctionné pour moi : commencer petit avec {practice} et ajuster chaque semaine.',
    'La principale difficulté reste le temps, surtout {context}.',
    'Selon mon expérience, pour {topic}, il faut de la constance et un bon suivi.',
    'Une collègue m’a suggéré {practice}; je vais faire l’essai le mois prochain.',
    'J’ai lu un article intéressant sur {topic} et je l’ai déposé dans la bibliothèque.',
    'Merci pour ce partage, je retiens surtout l’idée d’utiliser {practice}.',
    'Chez nous, avec {people}, il a fallu quelques semaines avant d’en voir les effets.',
    'Je ne sais pas si c’est adapté {context}, mais ça vaut la peine d’essayer.',
    'Pour {topic}, nous avons mis en place {practice} l’automne dernier.',
    'Le résultat le plus visible : {outcome}.',
    'Est-ce que quelqu’un a des données ou des observations sur {topic}?',
    'J’aimerais comparer nos façons de faire sur {topic}.',
    'Bonne idée! Je l’ai transposée {context} avec quelques ajustements.',
    'On pourrait en discuter à la prochaine rencontre de la communauté.',
  ],
  en: [
    'Where I work, {context}, I tried {practice} to work on {topic}.',
    'With {people}, we have been seeing {outcome} for a few weeks now.',
    'I wonder how to adapt {practice} {context}.',
    'Has anyone used {practice} with {people}?',
    'What worked for me: start small with {practice} and adjust every week.',
    'The main difficulty is still time, especially {context}.',
    'In my experience, what matters for {topic} is consistency and good follow-up.',
    'A colleague suggested {practice}; I will try it next month.',
    'I read an interesting article on {topic} and added it to the library.',
    'Thanks for sharing, what I take away is the idea of using {practice}.',
    'At first {people} resisted, then they came to appreciate {practice}.',
    'I am not sure it suits us {context}, but it is worth a try.',
    'For {topic}, we set up {practice} last fall.',
    'The most visible result: {outcome}.',
    'Does anyone have data or observations on {topic}?',
    'I would like to compare how we each handle {topic}.',
    'Good idea! I transposed it {context} with a few adjustments.',
    'We could talk about it at the next community meeting.',
  ],
};

const TITLES: Record<'discussion' | 'knowledge' | 'journal' | 'resource' | 'problem', Record<Lang, string[]>> = {
  discussion: {
    fr: ['Comment aborder {topic} {context}?', '{practice} : retour d’expérience', 'Vos idées pour {topic}?', 'Besoin de pistes sur {topic}', 'Ce qui marche pour {topic}', 'Question sur {practice}'],
    en: ['How do you approach {topic} {context}?', '{practice}: how it went', 'Your ideas for {topic}?', 'Looking for leads on {topic}', 'What works for {topic}', 'A question about {practice}'],
  },
  knowledge: {
    fr: ['Pourquoi avons-nous autant de mal avec {topic} {context}?', 'Comprendre {topic}', 'Qu’est-ce qui fait que ça fonctionne, {practice}?', 'Construire ensemble une explication : {topic}'],
    en: ['Why do we find {topic} so hard {context}?', 'Understanding {topic}', 'What makes {practice} work?', 'Building an explanation together: {topic}'],
  },
  journal: {
    fr: ['Réflexion sur {topic}', 'Ce que j’ai appris cette semaine', 'Premier essai : {practice}', 'Retour sur {topic} {context}', 'Adaptation : {practice} chez nous'],
    en: ['Thinking about {topic}', 'What I learned this week', 'First try: {practice}', 'Looking back on {topic} {context}', 'Adapting {practice} to my setting'],
  },
  problem: {
    fr: ['Je bloque sur {topic} {context}', 'Besoin d’aide : ça ne fonctionne pas avec {practice}', 'Comment relancer {topic} avec {people}?', 'Situation difficile : {topic}', 'Que faire quand ça ne prend pas avec {practice}?'],
    en: ['Stuck on {topic} {context}', 'Help needed: it is not working with {practice}', 'How do I restart {topic} with {people}?', 'A difficult situation: {topic}', 'What to do when nobody takes to {practice}?'],
  },
  resource: {
    fr: ['Guide pratique : {topic}', 'Gabarit — {practice}', 'Vidéo : {topic} en dix minutes', 'Article sur {topic} {context}', 'Outil pour {topic}'],
    en: ['Practical guide: {topic}', 'Template — {practice}', 'Video: {topic} in ten minutes', 'Article on {topic} {context}', 'A tool for {topic}'],
  },
};

/** Words of one practice for one language: mostly the community's domain, sometimes shared topics. */
export function lexicon(rng: Rng, domain: Domain, lang: Lang): Lexicon {
  return LEXICONS[rng.chance(0.85) ? domain : 'common'][lang];
}

/** Fill `{slot}`s from the lexicon. */
export function fill(rng: Rng, template: string, lex: Lexicon): string {
  return template.replace(/\{(\w+)\}/g, (_m, slot: string) => rng.pick(lex[slot as Slot]));
}

/** One sentence; with `used`, never one of the templates already used in the same text. */
export function sentence(rng: Rng, lang: Lang, lex: Lexicon, used?: Set<string>): string {
  const fresh = used ? SENTENCES[lang].filter((t) => !used.has(t)) : [];
  const template = rng.pick(fresh.length ? fresh : SENTENCES[lang]);
  used?.add(template);
  return cap(fill(rng, template, lex));
}

/** A paragraph of n sentences, now and then with a phrase in bold or italics. */
export function paragraph(rng: Rng, lang: Lang, lex: Lexicon, n: number, used = new Set<string>()): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng, lang, lex, used));
  if (rng.chance(0.15)) out[0] = out[0].replace(/(\S+ \S+)([.?!])$/, '**$1**$2');
  if (rng.chance(0.1)) out[out.length - 1] = `*${out[out.length - 1]}*`;
  return out.join(' ');
}

/** A title for a thread, journal entry or resource (at most 200 characters, as the forms allow). */
export function title(rng: Rng, kind: keyof typeof TITLES, lang: Lang, domain: Domain): string {
  return cap(fill(rng, rng.pick(TITLES[kind][lang]), lexicon(rng, domain, lang))).slice(0, 200);
}

export type Size = 'short' | 'medium' | 'long';

/** Replies are mostly short; openings and journal entries longer. */
export function pickSize(rng: Rng, opening: boolean): Size {
  const weights = opening ? [0.15, 0.55, 0.3] : [0.5, 0.38, 0.12];
  return (['short', 'medium', 'long'] as const)[rng.weighted(weights)];
}

const ASK: Record<Lang, string> = { fr: 'qu’en penses-tu?', en: 'what do you think?' };

/**
 * A Markdown body: paragraphs, sometimes a list, a quote or a link. `lead` opens it (a scaffold's
 * phrase ending with ": " is followed by lowercase, a greeting is not); `mention` asks someone by name.
 */
export function body(rng: Rng, lang: Lang, domain: Domain, size: Size, lead = '', mention = ''): string {
  const lex = lexicon(rng, domain, lang);
  const paragraphs = size === 'short' ? 1 : size === 'medium' ? rng.int(1, 2) : rng.int(2, 4);
  const blocks: string[] = [];
  const used = new Set<string>(); // a person does not write the same sentence twice in one post
  for (let i = 0; i < paragraphs; i++) blocks.push(paragraph(rng, lang, lex, size === 'short' ? rng.int(1, 2) : rng.int(2, 4), used));
  if (size !== 'short' && rng.chance(0.25)) blocks.splice(1, 0, list(rng, lang, lex));
  if (size === 'long' && rng.chance(0.2)) blocks.push(`> ${sentence(rng, lang, lex, used)}`);
  if (rng.chance(size === 'short' ? 0.02 : 0.08)) blocks.push(link(rng, lang, lex));
  // After a scaffold's colon the sentence goes on in lowercase, except the English "I".
  const lower = (b: string) => (lang === 'en' && /^I\b/.test(b) ? b : `${b.charAt(0).toLocaleLowerCase('fr')}${b.slice(1)}`);
  if (lead) blocks[0] = lead.endsWith(': ') ? `${lead}${lower(blocks[0])}` : `${lead}${blocks[0]}`;
  if (mention) blocks.push(`@${mention}, ${ASK[lang]}`);
  return blocks.join('\n\n');
}

function list(rng: Rng, lang: Lang, lex: Lexicon): string {
  const n = rng.int(2, 4);
  const ordered = rng.chance(0.3);
  const intro = lang === 'fr' ? 'Quelques pistes :' : 'A few leads:';
  const practices = [...lex.practice];
  const items = Array.from({ length: Math.min(n, practices.length) }, (_, i) => {
    const [practice] = practices.splice(rng.int(0, practices.length - 1), 1); // each lead once
    return `${ordered ? `${i + 1}.` : '-'} ${cap(practice)} ${rng.pick(lex.context)}`;
  });
  return `${intro}\n\n${items.join('\n')}`;
}

function link(rng: Rng, lang: Lang, lex: Lexicon): string {
  const topic = rng.pick(lex.topic);
  return `${lang === 'fr' ? 'Pour aller plus loin :' : 'Further reading:'} [${topic}](https://ressources.example.org/${slug(topic)})`;
}

/** A URL path segment from a phrase (accents and apostrophes dropped). */
export function slug(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The tags of a domain (and the shared ones) in one language. */
export function tagLabels(domain: Domain, lang: Lang): string[] {
  return [...LEXICONS[domain][lang].tags, ...LEXICONS.common[lang].tags];
}
