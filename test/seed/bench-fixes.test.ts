import assert from 'node:assert/strict';
import path from 'node:path';
import ejs from 'ejs';
import { Op } from 'sequelize';
import { harness, type Harness } from '../helpers/harness';
import { translator, initI18n } from '../../src/i18n';
import { dateView } from '../../src/content/dates';
import { sharingHome, SINCE_CAP } from '../../src/communities/home-feed';
import { seedCommunity } from '../../src/seed';
import { Membership } from '../../src/kernel/community';
import { Post, Thread } from '../../src/discussions/model';

/** Fixes made after profiling the benchmark (bench/RESULTS.md): same answers, less work. */
describe('benchmark fixes: same results, less work', function () {
  this.timeout(120_000);
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('a translator remembers plain keys and gives what i18next gives, options included', () => {
    initI18n();
    const t = translator('fr');
    assert.equal(translator('fr'), t, 'one remembering translator per language');
    for (const key of ['nav.home', 'content.home.since_title', 'search.title', 'content.home.latest_title']) {
      const first = t(key);
      assert.equal(typeof first, 'string');
      assert.notEqual(first, key, `${key} is in the catalog`);
      assert.equal(t(key), first);
      assert.notEqual(translator('en')(key), first, `${key}: the English translator is another one`);
    }
    assert.equal(t('content.home.since_posts', { count: 1 }), '1 nouvelle réponse ou contribution');
    assert.equal(t('content.home.since_posts', { count: 3 }), '3 nouvelles réponses et contributions');
    assert.equal(translator('en')('content.home.since_posts_more', { n: SINCE_CAP }), 'More than 99 new replies and contributions');
  });

  it('formats dates as toLocaleString did, in Québec French and Canadian English', () => {
    for (const d of [new Date('2026-01-05T14:03:00Z'), new Date('2026-07-19T03:59:59Z'), new Date('2025-12-31T23:30:00Z')]) {
      assert.deepEqual(dateView(d, 'fr'), { iso: d.toISOString(), label: d.toLocaleString('fr-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }) });
      assert.deepEqual(dateView(d, 'en'), { iso: d.toISOString(), label: d.toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }) });
    }
    assert.equal(dateView(null, 'fr'), null);
  });

  it('counts what is new since the last visit exactly up to 99, then says "more than 99" (bounded work)', async () => {
    const now = new Date('2026-10-01T12:00:00Z');
    const seeded = await seedCommunity(h.runtime.sequelize, { members: 30, posts: 600, resources: 10, seed: 21, months: 4, now, title: 'Cap' });
    const member = (await Membership.findOne({ where: { communityId: seeded.communityId, status: 'active', role: 'member' } }))!;
    const count = async (since: Date) => {
      const threads = await Thread.count({ where: { communityId: seeded.communityId, deletedAt: null, kind: ['discussion', 'knowledge'], createdAt: { [Op.gt]: since }, authorId: { [Op.ne]: member.userId } } });
      const posts = await Post.count({
        where: { communityId: seeded.communityId, createdAt: { [Op.gt]: since }, authorId: { [Op.ne]: member.userId }, deletedAt: null, hiddenAt: null },
        include: [{ model: Thread, as: 'thread', attributes: [], where: { deletedAt: null, kind: ['discussion', 'knowledge'] } }],
      });
      return { threads, replies: posts - threads };
    };
    // Away for months: more than 99 new replies.
    // The anchor is the last visit (over 30 minutes ago), see visitAnchor.
    member.lastVisitAt = member.previousVisitAt = new Date('2026-06-01T00:00:00Z');
    const long = await sharingHome(member, 'en');
    const exactLong = await count(member.previousVisitAt);
    assert.ok(exactLong.replies > SINCE_CAP, `${exactLong.replies} replies`);
    assert.equal(long.sinceLastVisit!.posts, SINCE_CAP);
    assert.equal(long.sinceLastVisit!.more.posts, true);
    assert.equal(long.sinceLastVisit!.threads, Math.min(exactLong.threads, SINCE_CAP));
    // Away for a few days: exact counts.
    member.lastVisitAt = member.previousVisitAt = new Date(now.getTime() - 4 * 24 * 3600_000);
    const short = await sharingHome(member, 'en');
    const exactShort = await count(member.previousVisitAt);
    assert.ok(exactShort.replies <= SINCE_CAP);
    assert.deepEqual({ threads: short.sinceLastVisit!.threads, replies: short.sinceLastVisit!.posts, more: short.sinceLastVisit!.more.posts }, { ...exactShort, more: false });

    const html = await ejs.renderFile(path.resolve(__dirname, '../../views/content/home-sharing.ejs'), { sharing: long, t: translator('fr'), url: (p: string) => p });
    assert.match(html, /Plus de 99 nouvelles réponses et contributions/);
  });
});
