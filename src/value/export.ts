/**
 * The value report as CSV (one row per indicator, then one per story: Excel's separators for the
 * reader's language, as the dashboard's exports) and as a PDF an institution can file (pdfkit,
 * standard Helvetica: its WinAnsi encoding covers French accents).
 */
import { pdfDocument } from '../content/pdf';
import { stringify } from 'csv-stringify/sync';
import { translator, type Lang } from '../i18n';
import { BOM, csvCell, zonedHeader } from '../analytics/csv';
import { day, type Cell } from '../analytics/tables';
import { htmlToText } from '../content/sanitize';
import { namesOf } from '../content/people';
import type { ValueReport } from './report';
import { formatNumber } from '../content/numbers';

/** A number as the reader writes it (decimal comma in French). */

/** Stories as plain text lines with their authors' names. */
async function storyLines(report: ValueReport) {
  const names = await namesOf(report.stories.map((s) => s.authorId));
  return report.stories.map((s) => ({ cycle: s.cycle, date: day(s.createdAt), author: names.get(s.authorId) ?? '', text: htmlToText(s.bodyHtml), evidence: s.evidence ?? '' }));
}

/** The CSV document: indicators, then stories. */
export async function valueCsv(report: ValueReport, lang: Lang): Promise<string> {
  const t = translator(lang);
  // Days are the community's (analytics/period.ts): each header says which zone.
  const indicators: Cell[][] = report.cycles.flatMap((c) => c.indicators.map((i) => [report.period.fromDate, report.period.toDate, c.cycle, t(`value.cycle.${c.cycle}`), i.key, t(`value.indicator.${c.cycle}.${i.key}`), i.value]));
  const stories: Cell[][] = (await storyLines(report)).map((s) => [s.date, s.cycle, t(`value.cycle.${s.cycle}`), s.author, s.text, s.evidence]);
  const rows: Cell[][] = [
    zonedHeader(t('value.csv.header', { returnObjects: true }) as string[], indicators), ...indicators,
    [],
    zonedHeader(t('value.csv.stories_header', { returnObjects: true }) as string[], stories), ...stories,
  ];
  return BOM + stringify(rows.map((r) => r.map((v) => csvCell(v, lang))), { delimiter: lang === 'fr' ? ';' : ',', record_delimiter: 'windows' });
}

/** The PDF buffer. */
export async function valuePdf(report: ValueReport, meta: { community: string; cohort: string | null }, lang: Lang): Promise<Buffer> {
  const t = translator(lang);
  const stories = await storyLines(report);
  const doc = pdfDocument({ size: 'LETTER', margin: 56, info: { Title: t('value.pdf.title'), Author: 'CoPeR' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(t('value.pdf.title'), { align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).text(meta.community, { align: 'center' });
  if (meta.cohort) doc.text(t('value.pdf.cohort', { cohort: meta.cohort }), { align: 'center' });
  doc.fontSize(10).fillColor('#444').text(t('value.pdf.period', { from: report.period.fromDate, to: report.period.toDate }), { align: 'center' }).fillColor('black');
  doc.moveDown(0.8).fontSize(9).fillColor('#444').text(t('value.intro')).fillColor('black');
  for (const c of report.cycles) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(t(`value.cycle.${c.cycle}`));
    doc.font('Helvetica').fontSize(9).fillColor('#444').text(t(`value.cycle_help.${c.cycle}`)).fillColor('black').fontSize(11);
    for (const i of c.indicators) doc.text(t('value.pdf.line', { label: t(`value.indicator.${c.cycle}.${i.key}`), value: formatNumber(lang, i.value) }), { indent: 12 });
    const mine = stories.filter((s) => s.cycle === c.cycle);
    if (mine.length) doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(t('value.stories_behind'), { indent: 12 }).font('Helvetica');
    for (const s of mine) {
      doc.fontSize(10).text(`${s.date} — ${t('value.pdf.line', { label: s.author, value: s.text })}`, { indent: 24 });
      if (s.evidence) doc.fontSize(9).text(`${t('stories.evidence')} ${s.evidence}`, { indent: 24 });
    }
  }
  doc.moveDown(1).fontSize(9).fillColor('#444').text(t('value.pdf.note'));
  doc.end();
  return done;
}
