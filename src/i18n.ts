import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { type TFunction } from 'i18next';

export type Lang = 'fr' | 'en';
export const LANGS: Lang[] = ['fr', 'en'];

// From src/ (tsx) or dist/src/ (compiled), the catalogs sit in locales/ at the project root.
const LOCALES_DIR = [path.resolve(__dirname, '../locales'), path.resolve(__dirname, '../../locales')].find((d) => fs.existsSync(d))!;

/**
 * Each feature keeps its strings in locales/<lang>/<feature>.json under one top-level key
 * (e.g. "home": {…}); the files are merged into one catalog per language.
 */
function loadCatalog(lang: Lang): Record<string, unknown> {
  const dir = path.join(LOCALES_DIR, lang);
  const catalog: Record<string, unknown> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    Object.assign(catalog, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return catalog;
}

const instance = i18next.createInstance();
let ready = false;

/** Load the catalogs once (synchronously: resources are local files). */
export function initI18n(): void {
  if (ready) return;
  void instance.init({
    resources: { fr: { translation: loadCatalog('fr') }, en: { translation: loadCatalog('en') } },
    lng: 'fr',
    fallbackLng: false,
    supportedLngs: LANGS,
    initImmediate: false,
    interpolation: { escapeValue: false }, // EJS escapes on output (<%= %>)
    returnNull: false,
    showSupportNotice: false,
  });
  ready = true;
}

const translators = new Map<Lang, TFunction>();
/** Keys remembered per language; the catalogs are finite, the bound only guards against odd keys. */
const MEMO_LIMIT = 10_000;
/** Texts with values remembered per language (names and counts vary: the oldest are dropped past the bound). */
const VALUES_LIMIT = 5_000;

/**
 * A translator bound to one language. A key alone (no options: most labels of a page) is looked up
 * once and remembered — i18next's lookup was the largest cost of rendering a thread page in the
 * benchmark's profiles; the catalogs never change after loading, so the answer cannot go stale.
 * A key with plain values (`{ name: 'Alex Smith' }`, `{ count: 3 }`: strings, numbers, booleans)
 * is remembered too, by its values: the community home asks for about thirty of them per request
 * (greeting, counts, recent activity), each an i18next lookup, interpolation and plural rule.
 */
export function translator(lang: Lang): TFunction {
  initI18n();
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = remembering(instance.getFixedT(lang))));
  return t;
}

function remembering(t: TFunction): TFunction {
  const memo = new Map<string, unknown>();
  const withValues = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  return ((...args: unknown[]) => {
    const key = args[0];
    if (typeof key !== 'string') return call(...args);
    if (args.length === 1) {
      if (memo.has(key)) return memo.get(key);
      const value = call(key);
      if (memo.size < MEMO_LIMIT) memo.set(key, value);
      return value;
    }
    const memoKey = args.length === 2 ? valuesKey(key, args[1]) : null;
    if (memoKey === null) return call(...args);
    const known = withValues.get(memoKey);
    if (known !== undefined) return known;
    const value = call(...args);
    if (typeof value === 'string') {
      if (withValues.size >= VALUES_LIMIT) withValues.delete(withValues.keys().next().value!);
      withValues.set(memoKey, value);
    }
    return value;
  }) as unknown as TFunction;
}

/** The memo key of a call with plain values only (null for anything else: objects, arrays, functions, i18next's options). */
function valuesKey(key: string, options: unknown): string | null {
  if (!options || typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) return null;
  let out = key;
  for (const [k, v] of Object.entries(options)) {
    const type = typeof v;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return null;
    out += `\u0000${k}\u0000${type[0]}${String(v)}`;
  }
  return out;
}

/** Language from an Accept-Language header, for pages shown before any launch. */
export function langFromHeader(header: string | undefined): Lang {
  return header && /^\s*fr\b/i.test(header) ? 'fr' : 'en';
}

/** Every key of a catalog (tests check that FR and EN have the same keys). */
export function catalogKeys(lang: Lang): string[] {
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}.`);
      else out.push(prefix + k);
    }
  };
  walk(loadCatalog(lang), '');
  return out.sort();
}

/**
 * The language of the request being served, for the few texts built far from a translator (a
 * member's fallback name in a presenter). Set once per request where the session is resumed;
 * background work runs a unit of work in the recipient's language with `inLang`.
 */
const requestLang = new AsyncLocalStorage<Lang>();

export function enterLang(lang: Lang): void {
  requestLang.enterWith(lang);
}

export function inLang<T>(lang: Lang, fn: () => T): T {
  return requestLang.run(lang, fn);
}

export function currentLang(): Lang {
  return requestLang.getStore() ?? 'fr';
}
