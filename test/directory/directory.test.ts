import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, activities, ok, idFrom } from '../helpers/people';
import { launchAll } from '../helpers/people';
import { Post } from '../../src/discussions/model';
import { Profile, ProfileTag, MemberFollow } from '../../src/profiles/model';
import { Tag } from '../../src/content/model';

/** The ordered member ids of the who-can-help list on a page. */
function helperOrder(html: string): number[] {
  const start = html.indexOf('data-helpers');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf('</ol>', start));
  return [...list.matchAll(/<li data-member="(\d+)"/g)].map((m) => Number(m[1]));
}

describe('profiles and the member directory (HTTP, real launches)', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof peopleCommunity>>;
  before(async () => {
    h = await harness();
    c = await peopleCommunity(h);
  });

  it('a member fills their profile (tags from the shared tag set, per-field visibility); profile.update is recorded', async () => {
    const alex = await c.as('learner1');
    const form = await alex.get(`${c.base}/profile/edit`);
    assert.equal(form.status, 200);
    assert.match(form.text, /name="vis_expertise"/);
    await ok(alex, `${c.base}/profile`, {
      roleTitle: 'Enseignant de mathématiques',
      yearsPractice: '12',
      experience: 'experienced',
      expertise: 'Évaluation, Pédagogie différenciée',
      helpWith: 'Construire des grilles.',
      languages: 'français, English',
      vis_yearsPractice: 'facilitators',
      vis_languages: 'me',
    });
    const alexId = await c.mid('learner1');
    const profile = (await Profile.findOne({ where: { membershipId: alexId } }))!;
    assert.equal(profile.yearsPractice, 12);
    assert.equal(profile.visibility.yearsPractice, 'facilitators');
    const tags = await ProfileTag.findAll({ where: { membershipId: alexId, kind: 'expertise' }, include: [{ model: Tag, as: 'tag' }] });
    assert.deepEqual(tags.map((t) => t.tag!.slug).sort(), ['evaluation', 'pedagogie-differenciee']);
    assert.ok(tags.every((t) => t.tag!.communityId === c.communityId));
    const act = (await activities(c.communityId, 'profile.update')).at(-1)!;
    assert.equal(act.membershipId, alexId);
    assert.deepEqual(act.data.expertise, ['evaluation', 'pedagogie-differenciee']);
  });

  it('each field is shown only to whom its owner chose: community, facilitators only, only me', async () => {
    const alexId = await c.mid('learner1');
    const asMember = await (await c.as('learner2')).get(`${c.base}/people/${alexId}`);
    const asFacilitator = await (await c.as('instructor')).get(`${c.base}/people/${alexId}`);
    const asOwner = await (await c.as('learner1')).get(`${c.base}/people/${alexId}`);
    assert.match(asMember.text, /Enseignant de mathématiques/);
    assert.doesNotMatch(asMember.text, /data-field="yearsPractice"/);
    assert.doesNotMatch(asMember.text, /English/);
    assert.match(asFacilitator.text, /data-field="yearsPractice"/);
    assert.doesNotMatch(asFacilitator.text, /English/, 'only me: not even facilitators');
    assert.match(asOwner.text, /data-field="languages"/);
  });

  it('profiles are pre-filled from the LMS: name and the institution (deployment or platform name) until the member writes their own', async () => {
    const sophieId = await c.mid('learner2');
    const page = await (await c.as('learner1')).get(`${c.base}/people/${sophieId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Sophie Roy/);
    assert.match(page.text, /data-field="institution"/, 'the LMS institution shows without a saved profile');
    const edit = await (await c.as('learner2')).get(`${c.base}/profile/edit`);
    assert.match(edit.text, /id="institution" name="institution" maxlength="160" value="[^"]+"/);
  });

  it('bad profile input is a 400 with messages, nothing written', async () => {
    const alex = await c.as('learner1');
    const before = await activities(c.communityId, 'profile.update');
    const res = await alex.post(`${c.base}/profile`, { yearsPractice: '400', experience: 'guru', vis_intro: 'everyone' });
    assert.equal(res.status, 400);
    assert.match(res.text, /entre 0 et 60|between 0 and 60/);
    assert.equal((await activities(c.communityId, 'profile.update')).length, before.length);
    const observer = await c.as('observer1');
    assert.equal((await observer.post(`${c.base}/profile`, { roleTitle: 'x' })).status, 403, 'observers only read');
  });

  it('the directory filters by expertise, experience and role, and never on a hidden field', async () => {
    const sophie = await c.as('learner2');
    await ok(sophie, `${c.base}/profile`, { experience: 'newcomer', expertise: 'évaluation', vis_expertise: 'me' });
    const [alexId, sophieId] = await Promise.all([c.mid('learner1'), c.mid('learner2')]);
    const nadia = await c.as('learner3');
    const byTag = await nadia.get(`${c.base}/people`, { tag: 'evaluation' });
    assert.match(byTag.text, new RegExp(`data-member="${alexId}"`));
    assert.doesNotMatch(byTag.text, new RegExp(`data-member="${sophieId}"`), 'Sophie hid her expertise: filtering on it would reveal it');
    const newcomers = await nadia.get(`${c.base}/people`, { experience: 'newcomer' });
    assert.match(newcomers.text, new RegExp(`data-member="${sophieId}"`));
    assert.doesNotMatch(newcomers.text, new RegExp(`data-member="${alexId}"`));
    const facilitators = await nadia.get(`${c.base}/people`, { role: 'facilitator' });
    assert.match(facilitators.text, /Marie Tremblay/);
    assert.doesNotMatch(facilitators.text, /Alex Smith/);
    assert.match((await nadia.get(`${c.base}/people`, { q: 'mathé' })).text, /Alex Smith/);
    assert.equal((await nadia.get(`${c.base}/people`, { experience: 'guru' })).status, 400);
  });

  it('who can help: declared expertise and evidence (accepted solutions, helpful leads, endorsements, useful replies), explained in FR and EN', async () => {
    // Fixture on the tag "rétroaction" (argued order for a facilitator viewer, Marie):
    //   Chris (mentor): one accepted solution → 5, plus a helpful lead → 3: total 8, first.
    //   Jean (ta): two colleagues endorsed his tagged resource → 4, plus declared expertise → 4: total 8;
    //     ties Chris on score, but Chris has an accepted solution: Jean second.
    //   Nadia: declared expertise, visible to facilitators only → 4 for Marie, invisible (0, absent) for Alex.
    //   Alex: two "useful" reactions on his reply in a tagged discussion → 2, plus 12 years of practice
    //     (visible to facilitators: +2) → 4 for Marie, tying Nadia; his observed evidence puts him first.
    //   (Chris's LMS Mentor role adds 3 to his evidence: 11.)
    //   Sophie: nothing on this tag → absent.
    const [sophie, alex, chris, jean, nadia, marie] = await launchAll(c, ['learner2', 'learner1', 'mentor', 'ta', 'learner3', 'instructor']);
    const ids = Object.fromEntries(await Promise.all(['learner2', 'learner1', 'mentor', 'ta', 'learner3', 'instructor'].map(async (s) => [s, await c.mid(s)] as const)));
    await ok(jean, `${c.base}/profile`, { expertise: 'rétroaction' });
    await ok(nadia, `${c.base}/profile`, { expertise: 'rétroaction', vis_expertise: 'facilitators' });
    const pb = idFrom((await ok(sophie, `${c.base}/problems`, { title: 'Rétroaction peu lue', context: 'a', tried: 'b', needed: 'c', tags: 'rétroaction' })).url, 'problems');
    await ok(chris, `${c.base}/problems/${pb}/leads`, { body: 'Rétroaction orale courte.' });
    await ok(chris, `${c.base}/problems/${pb}/leads`, { body: 'Autoévaluation guidée.' });
    const [lead1, lead2] = await Post.findAll({ where: { threadId: pb, parentId: null }, order: [['id', 'ASC']], offset: 1 });
    await ok(sophie, `${c.base}/problems/${pb}/leads/${lead1.id}/accept`);
    await ok(sophie, `${c.base}/problems/${pb}/leads/${lead2.id}/helpful`, { on: '1' });
    const res = idFrom((await ok(jean, `${c.base}/resources`, { kind: 'link', title: 'Guide de rétroaction', url: 'https://example.org/guide', description: 'Un guide.', tags: 'rétroaction' })).url, 'resources');
    await ok(sophie, `${c.base}/resources/${res}/endorse`, { on: '1' });
    await ok(marie, `${c.base}/resources/${res}/endorse`, { on: '1' });
    const th = idFrom((await ok(sophie, `${c.base}/threads`, { kind: 'discussion', title: 'Parlons rétroaction', body: 'Vos idées?', tags: 'rétroaction' })).url, 'threads');
    await ok(alex, `${c.base}/threads/${th}/posts`, { body: 'Des commentaires ciblés.' });
    const alexReply = (await Post.findOne({ where: { threadId: th }, order: [['id', 'DESC']] }))!;
    await ok(sophie, `${c.base}/posts/${alexReply.id}/reactions`, { kind: 'useful', on: '1' });
    await ok(chris, `${c.base}/posts/${alexReply.id}/reactions`, { kind: 'useful', on: '1' });

    const forMarie = await marie.get(`${c.base}/people`, { help: 'Rétroaction' });
    assert.deepEqual(helperOrder(forMarie.text), [ids.mentor, ids.ta, ids.learner1, ids.learner3]);
    assert.match(forMarie.text, /Mentor dans le cours/);
    assert.match(forMarie.text, /12 ans de pratique/);
    assert.match(forMarie.text, /1 solution acceptée sur «\srétroaction\s»/);
    assert.match(forMarie.text, /1 piste jugée utile sur «\srétroaction\s»/);
    assert.match(forMarie.text, /2 collègues ont utilisé ses ressources sur «\srétroaction\s»/);
    assert.match(forMarie.text, /2 réactions «\sutile\s» sur «\srétroaction\s»/);
    // Alex (English) does not see Nadia's facilitators-only expertise, nor himself; reasons in English.
    const forAlex = await alex.get(`${c.base}/people`, { help: 'retroaction' });
    assert.deepEqual(helperOrder(forAlex.text), [ids.mentor, ids.ta]);
    assert.match(forAlex.text, /1 accepted solution on “rétroaction”/);
    assert.match(forAlex.text, /Declared expertise: “rétroaction”/);
    // An unknown topic says so.
    assert.match((await alex.get(`${c.base}/people`, { help: 'astrophysique' })).text, /No “astrophysique” tag/);
  });

  it('follow a member: their new contributions show on my home; member.follow recorded; not oneself', async () => {
    const nadia = await c.as('learner3');
    const alex = await c.as('learner1');
    const alexId = await c.mid('learner1');
    await ok(nadia, `${c.base}/people/${alexId}/follow`, { on: '1' });
    assert.equal(await MemberFollow.count({ where: { followerId: await c.mid('learner3'), followedId: alexId } }), 1);
    assert.equal((await activities(c.communityId, 'member.follow')).at(-1)!.membershipId, await c.mid('learner3'));
    await ok(alex, `${c.base}/threads`, { kind: 'discussion', title: 'Nouveau fil d’Alex', body: 'Contenu.' });
    const home = await nadia.get(c.base);
    const section = home.text.slice(home.text.indexOf('data-following'));
    assert.match(section, /Nouveau fil d’Alex|Nouveau fil d&#39;Alex|Nouveau fil d’Alex/);
    assert.equal((await alex.post(`${c.base}/people/${alexId}/follow`, { on: '1' })).status, 403);
  });
});
