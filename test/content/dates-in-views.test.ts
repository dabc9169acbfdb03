import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dateLabels } from '../../src/content/dates';

/**
 * Every date a page shows goes through one formatter with the community's zone: a view that calls
 * the browser-style toLocale*String on a date formats it in the server's zone (UTC in production),
 * which is how the members page came to show UTC while every other page showed Toronto time.
 */
describe('dates in views', () => {
  it('no view formats a date itself', () => {
    const root = path.resolve(__dirname, '../../views');
    const offenders: string[] = [];
    for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (!file.endsWith('.ejs')) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      if (/new Date\([^)]*\)\s*\.\s*toLocale(Date|Time)?String/.test(text) || /dateStyle|timeStyle/.test(text)) offenders.push(file);
    }
    assert.deepEqual(offenders, []);
  });

  it('shows a late-evening UTC time as Toronto time, in both languages', () => {
    const d = '2026-12-03T03:30:00Z'; // 22:30 the day before in Toronto
    assert.match(dateLabels.when(d, 'fr'), /2 déc\. 2026.*22 h 30/);
    assert.match(dateLabels.when(d, 'en'), /Dec\.? 2, 2026.*10:30 p\.m\./);
    assert.match(dateLabels.day(d, 'fr'), /2 déc\. 2026/);
    assert.equal(dateLabels.when(null, 'fr'), '');
    assert.equal(dateLabels.calendarDay('2026-12-03', 'fr'), '3 décembre 2026', 'a calendar day stays that day');
  });
});
