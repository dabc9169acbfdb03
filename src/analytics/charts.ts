/**
 * Server-rendered SVG charts: no client library, nothing from a CDN, no inline style (the CSP
 * allows none): colours come from classes in public/css/analytics.css. Each chart is an image
 * with a name and a description (role="img", <title>, <desc>); the page puts a data table next
 * to it, the accessible alternative that also carries the exact figures.
 */

const W = 480;
const FONT = 13;

/** Escape text for SVG (XML) content and attributes. */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A round axis maximum at or above `n`: four equal steps, each a whole, round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k). */
export function niceMax(n: number): number {
  const raw = Math.max(1, n / 4);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const step = m * p;
    if (step >= raw && Number.isInteger(step)) return step * 4;
  }
  return 40 * p;
}

interface Frame {
  id: string;
  title: string;
  desc: string;
  height: number;
}

function open(f: Frame): string {
  return (
    `<svg class="chart" id="${esc(f.id)}" role="img" aria-labelledby="${esc(f.id)}-t ${esc(f.id)}-d" viewBox="0 0 ${W} ${f.height}" width="100%" preserveAspectRatio="xMinYMin meet" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${esc(f.id)}-t">${esc(f.title)}</title><desc id="${esc(f.id)}-d">${esc(f.desc)}</desc>`
  );
}

export interface StackedChart extends Omit<Frame, 'height'> {
  /** The series in stacking order (bottom first): a CSS class and a label each. */
  series: Array<{ className: string; label: string }>;
  /** One bar per bucket: its axis label and one value per series. */
  bars: Array<{ label: string; values: number[] }>;
}

/** A stacked bar chart (contributions over time by kind). */
export function stackedBars(c: StackedChart): string {
  const height = 240;
  const left = 36;
  const bottom = 28;
  const top = 10;
  const plotW = W - left - 8;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...c.bars.map((b) => b.values.reduce((s, v) => s + v, 0))));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(1, c.bars.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const every = Math.max(1, Math.ceil(c.bars.length / Math.floor(plotW / 52)));
  const parts = [open({ ...c, height })];
  for (const tick of [0, max / 4, max / 2, (3 * max) / 4, max]) {
    parts.push(`<line class="grid" x1="${left}" x2="${W - 8}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}"/>`);
    parts.push(`<text class="axis" x="${left - 4}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="${FONT - 2}">${esc(tick)}</text>`);
  }
  c.bars.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let base = 0;
    b.values.forEach((v, si) => {
      if (v <= 0) return;
      parts.push(`<rect class="${esc(c.series[si].className)}" x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${((v / max) * plotH).toFixed(1)}"/>`);
      base += v;
    });
    if (i % every === 0) parts.push(`<text class="axis" x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="${FONT - 2}">${esc(b.label)}</text>`);
  });
  parts.push(`<line class="axis-line" x1="${left}" x2="${W - 8}" y1="${y(0)}" y2="${y(0)}"/>`, '</svg>');
  return parts.join('');
}

export interface BarChart extends Omit<Frame, 'height'> {
  /** One horizontal bar per row; `value` is drawn, `display` written after the bar. */
  rows: Array<{ label: string; value: number; display: string; className: string }>;
}

/** A horizontal bar chart (distribution of participation, knowledge-building depth). */
export function horizontalBars(c: BarChart): string {
  const rowH = 30;
  const labelW = 205;
  const valueW = 80;
  const height = c.rows.length * rowH + 8;
  const plotW = W - labelW - valueW;
  const max = Math.max(1, ...c.rows.map((r) => r.value));
  const parts = [open({ ...c, height })];
  c.rows.forEach((r, i) => {
    const yTop = 4 + i * rowH;
    const w = (r.value / max) * plotW;
    parts.push(`<text class="label" x="${labelW - 8}" y="${yTop + 19}" text-anchor="end" font-size="${FONT}">${esc(r.label)}</text>`);
    parts.push(`<rect class="track" x="${labelW}" y="${yTop + 5}" width="${plotW}" height="${rowH - 10}"/>`);
    if (w > 0) parts.push(`<rect class="${esc(r.className)}" x="${labelW}" y="${yTop + 5}" width="${w.toFixed(1)}" height="${rowH - 10}"/>`);
    parts.push(`<text class="value" x="${labelW + plotW + 6}" y="${yTop + 19}" font-size="${FONT}">${esc(r.display)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
