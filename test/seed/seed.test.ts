import assert from 'node:assert/strict';
import { Op } from 'sequelize';
import { harness, type Harness } from '../helpers/harness';
import { seedCommunity, type SeedResult } from '../../src/seed';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Post, Thread } from '../../src/discussions/model';
import { Resource } from '../../src/resources/model';
import { Activity } from '../../src/activity/model';
import { SearchDocument } from '../../src/search/model';
import { searchDocuments } from '../../src/search/search';
import { Proposal } from '../../src/governance/model';
import { Meeting, Attendance } from '../../src/meetings/model';
import { CharterVersion } from '../../src/charter/model';
import { Problem, HelpfulLead, ProblemAddressee } from '../../src/problems/model';
import { Profile, ProfileTag, MemberFollow } from '../../src/profiles/model';
import { Mentorship, MentoringMessage, MentoringGoal } from '../../src/mentoring/model';

const NOW = new Date('2026-10-15T12:00:00Z');
const SMALL = { members: 40, posts: 400, resources: 30, months: 6, now: NOW };

/** What two seeds are compared on: counts of every table and the texts, in id order (ids depend on the database). */
async function fingerprint(r: SeedResult) {
  const where = { communityId: r.communityId };
  const posts = await Post.findAll({ where, order: [['id', 'ASC']], attributes: ['bodyMd', 'scaffold', 'kind', 'createdAt'] });
  const threads = await Thread.findAll({ where, order: [['id', 'ASC']], attributes: ['title', 'kind', 'replyCount', 'visibility'] });
  const resources = await Resource.findAll({ where, order: [['id', 'ASC']], attributes: ['title', 'descriptionMd', 'endorsementCount'] });
  const verbs = await Activity.findAll({ where, order: [['id', 'ASC']], attributes: ['verb', 'createdAt'] });
  const { users: _users, ...counts } = r.counts;
  return {
    counts,
    posts: posts.map((p) => `${p.kind}|${p.scaffold}|${p.createdAt.toISOString()}|${p.bodyMd}`),
    threads: threads.map((t) => `${t.kind}|${t.visibility}|${t.replyCount}|${t.title}`),
    resources: resources.map((x) => `${x.endorsementCount}|${x.title}|${x.descriptionMd}`),
    activity: verbs.map((a) => `${a.verb}@${a.createdAt.toISOString()}`),
  };
}

describe('seeded data: a deterministic community, written in bulk', function () {
  this.timeout(120_000);
  let h: Harness;
  let first: SeedResult;
  before(async () => {
    h = await harness();
    first = await seedCommunity(h.runtime.sequelize, { ...SMALL, seed: 11, title: 'Seed A' });
  });

  it('gives the same data for the same seed (counts, texts, dates), and other data for another seed', async () => {
    const again = await seedCommunity(h.runtime.sequelize, { ...SMALL, seed: 11, title: 'Seed B' });
    const other = await seedCommunity(h.runtime.sequelize, { ...SMALL, seed: 12, title: 'Seed C' });
    const [a, b, c] = await Promise.all([fingerprint(first), fingerprint(again), fingerprint(other)]);
    assert.deepEqual(b, a);
    assert.notDeepEqual(c.posts.slice(0, 20), a.posts.slice(0, 20));
    // The second run reused the people of the first (same platform, same subs): no new user.
    assert.equal(again.counts.users ?? 0, 0);
    assert.equal(first.counts.users, SMALL.members);
  });

  it('writes exactly the posts, resources and members asked for, in French and English', async () => {
    const where = { communityId: first.communityId };
    assert.equal(await Post.count({ where }), SMALL.posts);
    assert.equal(await Resource.count({ where }), SMALL.resources);
    assert.equal(await Membership.count({ where }), SMALL.members);
    const bodies = (await Post.findAll({ where, attributes: ['bodyMd', 'textLength'] })).map((p) => p.bodyMd);
    assert.ok(bodies.some((b) => /\b(les|une|pour)\b/.test(b)) && bodies.some((b) => /\b(the|with|and)\b/.test(b)), 'both languages');
    const lengths = bodies.map((b) => b.length).sort((x, y) => x - y);
    assert.ok(lengths[Math.floor(lengths.length * 0.9)] > 3 * lengths[Math.floor(lengths.length * 0.1)], 'varied lengths');
    assert.ok(await Post.count({ where: { ...where, kind: 'rise_above' } }) > 0, 'rise-above notes');
    assert.ok(await Post.count({ where: { ...where, scaffold: { [Op.ne]: null } } }) > 20, 'scaffolded contributions');
    assert.ok(await Thread.count({ where: { ...where, kind: 'journal', visibility: 'private' } }) > 0, 'private journal entries');
    assert.ok(await Proposal.count({ where }) >= 2 && (await Meeting.count({ where })) >= 2 && (await Attendance.count({ where })) > 0);
    assert.ok(await CharterVersion.count({ where }) >= 1);
  });

  it('has roster members who never launched: invited, from the roster, no launch, no content, no activity', async () => {
    const invited = await Membership.findAll({ where: { communityId: first.communityId, status: 'invited' }, include: [{ model: User, as: 'user' }] });
    assert.ok(invited.length >= 3, `${invited.length} invited`);
    for (const m of invited) {
      assert.equal(m.source, 'roster');
      assert.equal(m.lastLaunchAt, null);
      assert.equal(m.user!.lastLaunchAt, null);
    }
    const userIds = invited.map((m) => m.userId);
    assert.equal(await Post.count({ where: { communityId: first.communityId, authorId: userIds } }), 0);
    assert.equal(await Activity.count({ where: { communityId: first.communityId, userId: userIds } }), 0);
  });

  it('keeps the activity log consistent with the content, spread over the months before "now"', async () => {
    const where = { communityId: first.communityId };
    const count = (verb: string | string[]) => Activity.count({ where: { ...where, verb } });
    assert.equal(await count(['thread.create', 'journal.create', 'post.reply', 'post.knowledge', 'comment.create', 'post.rise_above', 'problem.create', 'lead.create']), SMALL.posts);
    assert.equal(await count('problem.create'), await Problem.count({ where }));
    assert.equal(await count('resource.share'), SMALL.resources);
    assert.equal(await count('community.create'), 1);
    const [oldest, newest] = await Promise.all([Activity.min('createdAt', { where }), Activity.max('createdAt', { where })]);
    assert.ok((newest as Date) <= NOW && (oldest as Date) >= new Date(NOW.getTime() - 200 * 24 * 3600_000), `${oldest} … ${newest}`);
    // Ids follow time, and every thread's posts come in order.
    const rows = await Activity.findAll({ where, order: [['id', 'ASC']], attributes: ['createdAt'] });
    assert.ok(rows.every((r, i) => i === 0 || r.createdAt >= rows[i - 1].createdAt));
    const threads = await Thread.findAll({ where, attributes: ['id', 'replyCount', 'firstPostId', 'lastPostAt'] });
    for (const t of threads.slice(0, 40)) {
      const posts = await Post.findAll({ where: { threadId: t.id }, order: [['id', 'ASC']], attributes: ['id', 'createdAt'] });
      assert.equal(posts.length - (t.firstPostId ? 1 : 0), t.replyCount);
      assert.ok(posts.every((p, i) => i === 0 || p.createdAt >= posts[i - 1].createdAt));
      if (posts.length) assert.equal(t.lastPostAt.getTime(), posts[posts.length - 1].createdAt.getTime());
    }
  });

  it('indexes everything for search (posts and resources), scoped to the community, private entries for their author only', async () => {
    const where = { communityId: first.communityId };
    // Every post, every resource, and each problem's own document (what was tried, needed, done).
    assert.equal(await SearchDocument.count({ where }), SMALL.posts + SMALL.resources + (await Problem.count({ where })));
    const member = await Membership.findOne({ where: { ...where, status: 'active' } });
    const page = { page: 1, size: 20, offset: 0 };
    const hits = await searchDocuments(h.runtime.sequelize, { communityId: first.communityId, userId: member!.userId, q: 'expérience', kind: null, tagId: null }, page);
    assert.ok(hits.rows.length > 0, 'a common word is found');
    const resources = await searchDocuments(h.runtime.sequelize, { communityId: first.communityId, userId: member!.userId, q: 'expérience', kind: 'resource', tagId: null }, page);
    assert.ok(resources.rows.every((r) => r.kind === 'resource'));
    const privateDoc = await SearchDocument.findOne({ where: { ...where, privateTo: { [Op.ne]: null }, title: { [Op.ne]: '' } } });
    assert.ok(privateDoc, 'a private journal entry is indexed');
    const word = privateDoc.title.split(/\s+/).find((w) => w.length > 6)!;
    const stranger = await Membership.findOne({ where: { ...where, status: 'active', userId: { [Op.ne]: privateDoc.privateTo! } } });
    const asAuthor = await searchDocuments(h.runtime.sequelize, { communityId: first.communityId, userId: privateDoc.privateTo!, q: word, kind: 'journal', tagId: null }, { page: 1, size: 200, offset: 0 });
    const asOther = await searchDocuments(h.runtime.sequelize, { communityId: first.communityId, userId: stranger!.userId, q: word, kind: 'journal', tagId: null }, { page: 1, size: 200, offset: 0 });
    assert.ok(asAuthor.rows.some((r) => r.id === privateDoc.id));
    assert.ok(!asOther.rows.some((r) => r.id === privateDoc.id));
  });

  it('has problem requests in every state: waiting, with leads, solved with an accepted lead, some addressed to chosen members', async () => {
    const where = { communityId: first.communityId };
    const problems = await Problem.findAll({ where });
    assert.ok(problems.length >= 5, `${problems.length} problems`);
    const statuses = new Set(problems.map((p) => p.status));
    for (const s of ['open', 'in_progress', 'solved']) assert.ok(statuses.has(s as never), `a ${s} problem`);
    for (const p of problems) {
      const thread = (await Thread.findByPk(p.threadId))!;
      assert.equal(thread.kind, 'problem');
      assert.ok(p.triedMd.length > 0 && p.neededMd.length > 0);
      if (p.status === 'open') assert.equal(thread.replyCount, 0);
      if (p.status === 'solved') {
        // The accepted lead is a post of this thread, by someone other than the author.
        const lead = (await Post.findByPk(p.acceptedPostId!))!;
        assert.equal(lead.threadId, p.threadId);
        const author = (await Membership.findByPk(p.authorMembershipId))!;
        assert.notEqual(lead.authorId, author.userId);
        assert.ok(p.solvedAt && p.solvedAt >= lead.createdAt);
      }
    }
    const solved = problems.filter((p) => p.status === 'solved').length;
    assert.equal(await Activity.count({ where: { ...where, verb: 'solution.accept' } }), solved);
    assert.ok(await HelpfulLead.count({ where: { problemId: problems.map((p) => p.id) } }) > 0, 'helpful leads');
    assert.ok(problems.some((p) => p.audience === 'chosen'));
    assert.equal(await ProblemAddressee.count({ where: { problemId: problems.filter((p) => p.audience === 'chosen').map((p) => p.id) } }) > 0, true);
    // Each problem's search document holds what was tried and needed.
    const doc = (await SearchDocument.findOne({ where: { docKey: `problem:${problems[0].id}` } }))!;
    assert.equal(doc.threadId, problems[0].threadId);
    assert.ok(doc.body.length > 10);
  });

  it('reads as practitioners write: no sentence twice in a post, none of the known agreement errors, profiles that hang together', async () => {
    const where = { communityId: first.communityId };
    const posts = await Post.findAll({ where, attributes: ['bodyMd'] });
    const titles = (await Thread.findAll({ where, attributes: ['title'] })).map((t) => t.title);
    for (const p of posts) {
      const sentences = p.bodyMd.split(/\n+|(?<=[.?!])\s+/).map((x) => x.replace(/^[>*\-\d. ]+|\*+/g, '').trim()).filter((x) => x.length > 20);
      const twice = sentences.filter((x, i) => sentences.indexOf(x) !== i);
      assert.deepEqual(twice, [], `a sentence repeated in: ${JSON.stringify(p.bodyMd)}`);
    }
    // Templates once put a plural noun phrase in front of a singular verb, or "de"/"à" before an article.
    const wrong = [/\b(des|les) [^,.;:?!]{3,60} ne (prend|fonctionne) pas\b/, /\b(de|à) (le|les) /, /\best-il\b/, /\bl’essayer\b/, /\b(des|les) [^,.;:?!]{3,60} (convienne|demande)\b/, /Further reading :/];
    for (const text of [...titles, ...posts.map((p) => p.bodyMd)]) for (const re of wrong) assert.doesNotMatch(text, re, text);

    const members = await Membership.findAll({ where, attributes: ['id', 'role'] });
    const roleOf = new Map(members.map((m) => [m.id, m.role]));
    for (const p of await Profile.findAll({ where })) {
      if (p.yearsPractice !== null) assert.ok(p.yearsPractice >= 1, 'nobody has zero years of practice');
      if (roleOf.get(p.membershipId) === 'mentor') assert.equal(p.experience, 'experienced', 'a mentor is experienced');
      if (p.roleTitle && p.institution) {
        if (/secondaire|primaire|High school|Elementary/i.test(p.roleTitle)) assert.doesNotMatch(p.institution, /Universit|Cégep|Collège|College|Hospital|CIUSSS|CISSS/, `${p.roleTitle} at ${p.institution}`);
        if (/Infirmi|nurse/i.test(p.roleTitle)) assert.doesNotMatch(p.institution, /École|School|Cégep de|Collège Montmorency/, `${p.roleTitle} at ${p.institution}`);
      }
    }
  });

  it('fills profiles (newcomers and experienced members, with expertise tags), follows, and mentoring pairs with their private space', async () => {
    const where = { communityId: first.communityId };
    const profiles = await Profile.findAll({ where });
    const launched = await Membership.count({ where: { ...where, status: ['active', 'inactive'], role: ['member', 'mentor', 'facilitator'] } });
    assert.ok(profiles.length >= launched * 0.4 && profiles.length <= launched, `${profiles.length} profiles for ${launched} members`);
    assert.ok(profiles.some((p) => p.experience === 'newcomer') && profiles.some((p) => p.experience === 'experienced'));
    assert.ok(profiles.every((p) => typeof p.visibility === 'object'), 'visibility is stored as JSON');
    assert.ok(await ProfileTag.count({ where: { ...where, kind: 'expertise' } }) > 0);
    assert.equal(await Activity.count({ where: { ...where, verb: 'profile.update' } }), profiles.length);
    assert.ok(await MemberFollow.count({ where }) > 0);
    const pairs = await Mentorship.findAll({ where });
    assert.ok(pairs.length >= 1, 'mentoring pairs');
    const byId = new Map(profiles.map((p) => [p.membershipId, p]));
    for (const pair of pairs) {
      assert.notEqual(pair.menteeId, pair.mentorId);
      assert.equal(byId.get(pair.menteeId)?.experience, 'newcomer');
      if (pair.status === 'requested') assert.equal(pair.respondedAt, null);
    }
    const active = pairs.filter((p) => p.status === 'active' || p.status === 'closed').map((p) => p.id);
    if (active.length) {
      assert.ok(await MentoringMessage.count({ where: { mentorshipId: active } }) > 0);
      assert.ok(await MentoringGoal.count({ where: { mentorshipId: active } }) > 0);
    }
    // The pairs' texts are private: never indexed for search.
    assert.equal(await SearchDocument.count({ where: { ...where, kind: 'mentoring' } }), 0);
  });
});
