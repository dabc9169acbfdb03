import assert from 'node:assert/strict';
import { contributionKind, CONTRIBUTION_VERBS, VERB_KIND } from '../../src/analytics/kinds';
import { periodQuery, resolvePeriod } from '../../src/analytics/period';
import { csvCell, tableCsv } from '../../src/analytics/csv';
import { esc, horizontalBars, niceMax, stackedBars } from '../../src/analytics/charts';
import { analyticsCan } from '../../src/analytics/policy';
import { median } from '../../src/analytics/outcomes';
import { activeThreshold, categoryOf } from '../../src/analytics/participation';
import { catalogKeys } from '../../src/i18n';
import type { RosterEntry } from '../../src/analytics/history';
import { day } from '../../src/analytics/tables';

describe('analytics units', () => {
  it('writes table dates as the day in Montréal time, across daylight saving changes', () => {
    assert.equal(day(null), '');
    assert.equal(day(new Date('2026-03-08T04:59:00Z')), '2026-03-07'); // 23:59 EST
    assert.equal(day(new Date('2026-03-08T05:00:00Z')), '2026-03-08');
    assert.equal(day(new Date('2026-11-01T03:59:00Z')), '2026-10-31'); // 23:59 EDT
    assert.equal(day(new Date('2026-11-01T04:00:00Z')), '2026-11-01');
    assert.equal(day(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });

  it('maps verbs to kinds of contribution in one place, reading the data where the verb alone is not enough', () => {
    assert.equal(contributionKind('thread.create', { kind: 'discussion' }), 'sharing');
    assert.equal(contributionKind('thread.create', { kind: 'knowledge' }), 'learning');
    assert.equal(contributionKind('journal.create', { adaptation: { type: 'resource', id: 3 } }), 'learning', 'an adaptation note is learning');
    assert.equal(contributionKind('journal.create', { adaptation: null }), 'sharing');
    assert.equal(contributionKind('lead.create', null), 'solving');
    assert.equal(contributionKind('vote.cast', null), 'governance');
    for (const notContribution of ['launch', 'reaction.add', 'thread.follow', 'post.edit', 'meeting.rsvp', 'meeting.checkin', 'charter.acknowledge', 'proposal.decided', 'roster.sync']) {
      assert.equal(contributionKind(notContribution, null), null, notContribution);
    }
    assert.deepEqual(CONTRIBUTION_VERBS, Object.keys(VERB_KIND));
  });

  it('validates the period query (400 material) and resolves periods in whole days of the community zone', () => {
    assert.deepEqual(periodQuery.parse({}), { period: '4w' });
    assert.deepEqual(periodQuery.parse({ period: '12w', from: '', to: '', cohort: '' }), { period: '12w', from: undefined, to: undefined, cohort: undefined }, 'empty form fields are absent');
    for (const bad of [{ period: 'year' }, { period: 'custom', from: '2026-01-01' }, { period: 'custom', from: '2026-13-01', to: '2026-12-01' }, { period: 'custom', from: '2026-03-02', to: '2026-03-01' }, { cohort: '-3' }, { cohort: '1.5' }]) {
      assert.equal(periodQuery.safeParse(bad).success, false, JSON.stringify(bad));
    }
    const now = new Date('2026-11-22T14:00:00Z'); // Sunday 9:00 in Montréal
    const four = resolvePeriod({ period: '4w' }, new Date('2025-01-01'), now);
    assert.equal(four.since.toISOString(), '2026-10-26T04:00:00.000Z', 'midnight, 27 days before today, in EDT');
    assert.equal(four.until.toISOString(), '2026-11-23T05:00:00.000Z', 'through the end of today, in EST');
    assert.deepEqual([four.fromDate, four.toDate, four.days, four.weeks], ['2026-10-26', '2026-11-22', 28, 4]);
    const oneDay = resolvePeriod(periodQuery.parse({ period: 'custom', from: '2026-11-01', to: '2026-11-01' }), new Date('2025-01-01'), now);
    assert.deepEqual([oneDay.since.toISOString(), oneDay.until.toISOString(), oneDay.days], ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 1], 'the day clocks fall back still counts as one day');
    const all = resolvePeriod({ period: 'all' }, new Date('2026-09-15T12:00:00Z'), now);
    assert.equal(all.fromDate, '2026-09-15');
  });

  it('counts an active contributor as one contribution every two weeks (at least 2), and sorts members into four levels', () => {
    const w = (days: number) => ({ since: new Date(0), until: new Date(days * 86_400_000) });
    assert.deepEqual([activeThreshold(w(28)), activeThreshold(w(84)), activeThreshold(w(365))], [2, 6, 27]);
    const launched = { status: 'active', lastLaunchAt: new Date() } as RosterEntry;
    const invited = { status: 'invited', lastLaunchAt: null } as RosterEntry;
    assert.deepEqual([categoryOf(launched, 2, 2), categoryOf(launched, 1, 2), categoryOf(launched, 0, 2), categoryOf(invited, 0, 2)], ['active', 'occasional', 'reader', 'never']);
    assert.deepEqual([median([]), median([1]), median([1, 2]), median([1, 2, 10])], [null, 1, 1.5, 2]);
  });

  it('writes CSV for Excel in the reader\'s language and neutralizes formulas', () => {
    const table = { id: 'members' as const, caption: 'x', columns: ['Nom', 'Part (%)'], rows: [{ cells: ['=HYPERLINK("http://evil")', 12.5] }, { cells: ['Côté; Nadia', null] }] };
    const fr = tableCsv(table, 'fr');
    assert.ok(fr.startsWith('\uFEFF'));
    assert.equal(fr.slice(1), 'Nom;Part (%)\r\n"\'=HYPERLINK(""http://evil"")";12,5\r\n"Côté; Nadia";\r\n');
    assert.equal(tableCsv(table, 'en').split('\r\n')[1], '"\'=HYPERLINK(""http://evil"")",12.5');
    assert.deepEqual(['+1', '-2', '@x', 'ok'].map((v) => csvCell(v, 'en')), ["'+1", "'-2", "'@x", 'ok']);
  });

  it('draws charts as named, described SVG images and escapes every text', () => {
    assert.equal(esc('<a href="x">&'), '&lt;a href=&quot;x&quot;&gt;&amp;');
    assert.deepEqual([0, 3, 7, 10, 42, 130, 999].map(niceMax), [4, 4, 8, 12, 60, 160, 1000], 'four whole steps');
    const svg = stackedBars({ id: 'c1', title: 'T <b>', desc: 'D', series: [{ className: 'k-a', label: 'A' }, { className: 'k-b', label: 'B' }], bars: [{ label: '<x>', values: [2, 3] }, { label: 'y', values: [0, 0] }] });
    assert.match(svg, /^<svg class="chart" id="c1" role="img" aria-labelledby="c1-t c1-d"[^>]*><title id="c1-t">T &lt;b&gt;<\/title><desc id="c1-d">D<\/desc>/);
    assert.equal((svg.match(/<rect class="k-/g) ?? []).length, 2, 'no rectangle for empty values');
    assert.doesNotMatch(svg, /<x>|style=/);
    const bars = horizontalBars({ id: 'c2', title: 'T', desc: 'D', rows: [{ label: 'L', value: 0, display: '0', className: 'c-a' }] });
    assert.match(bars, /role="img"/);
    assert.doesNotMatch(bars, /class="c-a"/, 'a zero bar draws only its track');
  });

  it('lets only facilitators see the dashboard, per-member views and exports; everyone sees their own summary', () => {
    const grid = (['facilitator', 'mentor', 'member', 'observer'] as const).map((r) => [r, analyticsCan({ role: r })]);
    assert.deepEqual(Object.fromEntries(grid), {
      facilitator: { viewDashboard: true, viewMembers: true, export: true, viewOwn: true },
      mentor: { viewDashboard: false, viewMembers: false, export: false, viewOwn: true },
      member: { viewDashboard: false, viewMembers: false, export: false, viewOwn: true },
      observer: { viewDashboard: false, viewMembers: false, export: false, viewOwn: true },
    });
    assert.deepEqual(analyticsCan({ role: null }), { viewDashboard: false, viewMembers: false, export: false, viewOwn: false });
  });

  it('has the same analytics strings in French and English', () => {
    const keys = (lang: 'fr' | 'en') => catalogKeys(lang).filter((k) => k.startsWith('analytics.'));
    assert.deepEqual(keys('fr'), keys('en'));
    assert.ok(keys('fr').length > 150);
  });
});
