/**
 * The transcript as a PDF attestation (pdfkit, French or English) and as CSV (csv-stringify).
 * The PDF uses the standard Helvetica fonts: their WinAnsi encoding covers French accents.
 */
import { pdfDocument } from '../content/pdf';
import { stringify } from 'csv-stringify/sync';
import { translator, type Lang } from '../i18n';
import type { Transcript } from './transcript';
import { formatNumber } from '../content/numbers';
import { dateLabels } from '../content/dates';

const fmt = (lang: Lang, n: number) => formatNumber(lang, n);
/** A day in words: "1er juillet 2025" (French writes the first of the month as an ordinal), "July 1, 2025". */
export function longDate(lang: Lang, d: string): string {
  return dateLabels.calendarDay(d, lang);
}

/** Who stands behind an attestation, and how to check it. */
export interface AttestationInfo {
  organiser: string;
  institution: string;
  facilitator: string;
  code: string;
  verifyUrl: string;
}

/** The attestation as a PDF buffer: organiser, holder, period, hours, activities, the Act, signature and verification code. */
export async function transcriptPdf(tr: Transcript, lang: Lang, info: AttestationInfo): Promise<Buffer> {
  const t = translator(lang);
  const doc = pdfDocument({ size: 'LETTER', margin: 56, info: { Title: t('pd.pdf.title'), Author: 'CoPeR' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(t('pd.pdf.title'), { align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#444').text(t('pd.pdf.subtitle'), { align: 'center' }).fillColor('black');
  doc.moveDown(1.2).fontSize(11);
  const field = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label} `, { continued: true }).font('Helvetica').text(value);
  field(t('pd.pdf.organiser'), info.organiser);
  field(t('pd.pdf.institution'), info.institution || tr.platform);
  field(t('pd.pdf.issued_to'), tr.name);
  field(t('pd.pdf.cycle'), t('pd.cycle_range', { start: longDate(lang, tr.cycle.start), end: longDate(lang, tr.cycle.end) }));
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(t('pd.pdf.by_category'));
  doc.font('Helvetica').fontSize(11);
  for (const c of tr.byCategory.filter((x) => x.minutes > 0)) doc.text(`${t(`pd.category.${c.category}`)} : ${fmt(lang, c.hours)} h`, { indent: 12 });
  doc.moveDown(0.3).font('Helvetica-Bold').text(t('pd.pdf.total', { hours: fmt(lang, tr.totalHours), required: tr.requiredHours }));
  doc.moveDown(0.8).fontSize(12).text(t('pd.pdf.activities'));
  doc.font('Helvetica').fontSize(10);
  if (!tr.lines.length) doc.text(t('pd.pdf.none'), { indent: 12 });
  for (const l of tr.lines) {
    doc.text(`${longDate(lang, l.date)} — ${l.title} (${l.community}) — ${t(`pd.category.${l.category}`)} — ${fmt(lang, l.hours)} h`, { indent: 12 });
  }
  doc.moveDown(0.8).fontSize(10).font('Helvetica-Bold').text(t('pd.pdf.act'));
  doc.font('Helvetica').fontSize(9).fillColor('#444').text(t('pd.pdf.note')).fillColor('black');
  doc.moveDown(1.2).fontSize(11).font('Helvetica').text(t('pd.pdf.signed_by', { name: info.facilitator }));
  doc.moveDown(1.4).text(t('pd.pdf.signature_line'));
  doc.moveDown(1).fontSize(10).font('Helvetica-Bold').text(`${t('pd.pdf.code')} `, { continued: true }).font('Courier-Bold').text(info.code);
  doc.font('Helvetica').text(t('pd.pdf.verify', { url: info.verifyUrl }));
  doc.moveDown(0.4).fontSize(9).fillColor('#444').text(t('pd.pdf.generated', { date: longDate(lang, tr.generatedOn) }));
  doc.end();
  return done;
}

/** The transcript lines as CSV (one header row; hours with a dot, for spreadsheets). */
export function transcriptCsv(tr: Transcript, lang: Lang): string {
  const t = translator(lang);
  const rows = tr.lines.map((l) => [tr.cycle.key, l.date, l.community, l.category, t(`pd.category.${l.category}`), l.title, l.hours.toFixed(2), l.source, l.evidence ?? '']);
  return stringify([t('pd.csv.transcript_header', { returnObjects: true }) as string[], ...rows]);
}
