import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Issue 18, item 8: "a test that fails on any date formatted without a zone". Every date CoPeR
 * writes (pages, e-mails, ICS, CSV, PDF) is formatted in an explicit zone: the reader's
 * (src/content/zone.ts, currentZone), a recipient's (inZone), the community's, or UTC on purpose.
 * This scans src/ and views/ for the calls that silently fall back to the server's zone (UTC in
 * production, anything on a laptop). A justified exception goes in ALLOWED, with its reason.
 */
const ROOT = path.resolve(__dirname, '../..');

interface Finding {
  file: string;
  line: number;
  rule: string;
  snippet: string;
}

/** The text of a call's arguments: from the "(" at `open` to its matching ")". */
function argsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

const DATE_OPTIONS = /\b(dateStyle|timeStyle|weekday|year|month|day|hour|minute)\b/;
const LUXON_FROM = /DateTime\.(fromJSDate|fromISO|fromMillis|fromSeconds|fromObject|fromSQL|fromFormat|fromRFC2822|fromHTTP)\(/g;

export function scan(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  const at = (index: number, rule: string) => {
    const line = text.slice(0, index).split('\n').length;
    found.push({ file, line, rule, snippet: text.split('\n')[line - 1].trim().slice(0, 160) });
  };
  for (const m of text.matchAll(/new Intl\.DateTimeFormat\(/g)) {
    if (!/timeZone/.test(argsAt(text, m.index + m[0].length - 1))) at(m.index, 'Intl.DateTimeFormat without timeZone');
  }
  for (const m of text.matchAll(/\.toLocale(Date|Time)String\(/g)) {
    if (!/timeZone/.test(argsAt(text, m.index + m[0].length - 1))) at(m.index, `toLocale${m[1]}String without timeZone`);
  }
  for (const m of text.matchAll(/\.toLocaleString\(/g)) {
    const args = argsAt(text, m.index + m[0].length - 1);
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const luxon = /DateTime\./.test(args) || /\.setLocale\([^;]*$/.test(before); // a luxon chain: its zone is checked where it starts
    if (args.trim() === '') at(m.index, 'toLocaleString() with no locale or zone');
    else if (!luxon && DATE_OPTIONS.test(args) && !/timeZone/.test(args)) at(m.index, 'toLocaleString of a date without timeZone');
  }
  for (const m of text.matchAll(LUXON_FROM)) {
    const args = argsAt(text, m.index + m[0].length - 1);
    const after = text.slice(m.index + m[0].length + args.length, m.index + m[0].length + args.length + 40);
    if (!/\bzone\b/.test(args) && !/^\)\s*\.setZone\(/.test(after)) at(m.index, `DateTime.${m[1]} without a zone`);
  }
  for (const m of text.matchAll(/DateTime\.(now|local)\(\)/g)) {
    if (!/^\s*\.setZone\(/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30))) at(m.index, `DateTime.${m[1]}() without setZone`);
  }
  for (const m of text.matchAll(/\.(get|set)(Hours|Minutes|Seconds|Date|Day|Month|FullYear|Year)\(/g)) at(m.index, `local-time ${m[1]}${m[2]} (the server's zone)`);
  for (const m of text.matchAll(/\.(toDateString|toTimeString|getTimezoneOffset)\(/g)) at(m.index, `${m[1]} (the server's zone)`);
  for (const m of text.matchAll(/toISOString\(\)\.slice\(0,\s*10\)/g)) at(m.index, 'a UTC day (toISOString().slice(0, 10))');
  return found;
}

/** Justified exceptions: file, a piece of the flagged line, and why it is right. */
const ALLOWED: Array<{ file: string; match: string; why: string }> = [
  { file: 'src/privacy/routes.ts', match: "toISOString().slice(0, 10)", why: 'the date in a download’s file name: a stable UTC stamp, never shown as a time' },
];

function sources(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const dir of ['src', 'views']) {
    for (const rel of fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]) {
      if (!/\.(ts|ejs)$/.test(rel)) continue;
      const file = `${dir}/${rel.split(path.sep).join('/')}`;
      out.push({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') });
    }
  }
  return out;
}

describe('every date is formatted in an explicit zone', () => {
  it('finds no date formatted in the server’s zone in src/ or views/ (outside the justified exceptions)', () => {
    const used = new Set<number>();
    const offenders = sources()
      .flatMap((s) => scan(s.file, s.text))
      .filter((f) => {
        const i = ALLOWED.findIndex((a) => a.file === f.file && f.snippet.includes(a.match));
        if (i >= 0) used.add(i);
        return i < 0;
      })
      .map((f) => `${f.file}:${f.line} ${f.rule}: ${f.snippet}`);
    assert.deepEqual(offenders, []);
    assert.deepEqual(ALLOWED.filter((_, i) => !used.has(i)).map((a) => `${a.file}: ${a.match}`), [], 'an exception no longer needed');
  });

  it('catches each way of formatting without a zone, and accepts the zoned ones', () => {
    const rules = (code: string) => scan('x.ts', code).map((f) => f.rule);
    assert.equal(rules("new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long' })").length, 1);
    assert.equal(rules("new Intl.DateTimeFormat('fr-CA', {\n  dateStyle: 'long',\n  timeZone: zone,\n})").length, 0);
    assert.equal(rules("d.toLocaleDateString('fr-CA')").length, 1);
    assert.equal(rules("d.toLocaleTimeString('fr-CA', { timeZone: z })").length, 0);
    assert.equal(rules("d.toLocaleString('fr-CA', { dateStyle: 'short' })").length, 1);
    assert.equal(rules("n.toLocaleString('fr-CA', { maximumFractionDigits: 2 })").length, 0, 'a number');
    assert.equal(rules('d.toLocaleString()').length, 1);
    assert.equal(rules('DateTime.fromJSDate(d).toFormat("HH:mm")').length, 1);
    assert.equal(rules('DateTime.fromJSDate(d, { zone }).setLocale(l).toLocaleString(DateTime.DATETIME_MED)').length, 0);
    assert.equal(rules("DateTime.fromISO(s).setZone('UTC')").length, 0);
    assert.equal(rules('DateTime.now().toISODate()').length, 1);
    assert.equal(rules('DateTime.now().setZone(zone)').length, 0);
    assert.equal(rules('d.getHours()').length, 1);
    assert.equal(rules('d.getUTCHours()').length, 0);
    assert.equal(rules('d.toISOString().slice(0, 10)').length, 1);
  });
});
