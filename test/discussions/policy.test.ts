import assert from 'node:assert/strict';
import { threadPolicy, postPolicy, sharingPolicy, EDIT_WINDOW_MINUTES, type ThreadSubject, type PostSubject } from '../../src/discussions/policy';
import { resourcePolicy, type ResourceSubject } from '../../src/resources/policy';
import { journalPolicy } from '../../src/journal/policy';
import type { CommunityRole } from '../../src/kernel/roles';

const ROLES: CommunityRole[] = ['facilitator', 'mentor', 'member', 'observer'];
const ME = 7;
const OTHER = 8;
const now = new Date('2026-11-22T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

const thread = (o: Partial<ThreadSubject> = {}): ThreadSubject => ({ kind: 'discussion', authorId: OTHER, visibility: 'community', locked: false, firstPostId: 1, ...o });
const post = (o: Partial<PostSubject> = {}): PostSubject => ({ id: 2, authorId: ME, kind: 'post', parentId: null, createdAt: minutesAgo(5), deletedAt: null, hiddenAt: null, ...o });
const resource = (o: Partial<ResourceSubject> = {}): ResourceSubject => ({ kind: 'file', authorId: ME, deletedAt: null, hiddenAt: null, ...o });

/** Expand a row of expectations "F M m O" (facilitator, mentor, member, observer) into per-role booleans. */
function row(spec: string): Record<CommunityRole, boolean> {
  const bits = spec.split(' ').map((b) => b === '1');
  assert.equal(bits.length, 4);
  return { facilitator: bits[0], mentor: bits[1], member: bits[2], observer: bits[3] };
}

/** Check one table: [description, predicate(role), expected "F M m O"]. */
function table(rows: Array<[string, (role: CommunityRole) => boolean, string]>) {
  for (const [name, check, spec] of rows) {
    it(`${name}: ${spec}`, () => {
      const expected = row(spec);
      for (const role of ROLES) assert.equal(check(role), expected[role], `${name} — ${role}`);
    });
  }
}

const a = (role: CommunityRole) => ({ role, userId: ME });

describe('sharing policies (role × action × ownership)', () => {
  describe('threads', () => {
    table([
      ['view a community thread', (r) => threadPolicy.view(a(r), thread()), '1 1 1 1'],
      ["view someone else's private journal entry (facilitators included)", (r) => threadPolicy.view(a(r), thread({ kind: 'journal', visibility: 'private' })), '0 0 0 0'],
      ['view my own private journal entry', (r) => threadPolicy.view(a(r), thread({ kind: 'journal', visibility: 'private', authorId: ME })), '1 1 1 1'],
      ['start a thread', (r) => threadPolicy.start(a(r)), '1 1 1 0'],
      ['reply to an open thread', (r) => threadPolicy.reply(a(r), thread()), '1 1 1 0'],
      ['reply to a locked thread', (r) => threadPolicy.reply(a(r), thread({ locked: true })), '1 0 0 0'],
      ['follow a discussion', (r) => threadPolicy.follow(a(r), thread()), '1 1 1 0'],
      ['pin a discussion', (r) => threadPolicy.pin(a(r), thread()), '1 0 0 0'],
      ['pin a journal entry', (r) => threadPolicy.pin(a(r), thread({ kind: 'journal' })), '0 0 0 0'],
      ['lock a discussion', (r) => threadPolicy.lock(a(r), thread()), '1 0 0 0'],
      ['write a rise-above in a knowledge thread', (r) => threadPolicy.riseAbove(a(r), thread({ kind: 'knowledge' })), '1 1 1 0'],
      ['write a rise-above in a discussion', (r) => threadPolicy.riseAbove(a(r), thread()), '0 0 0 0'],
      ['write a rise-above in a locked knowledge thread', (r) => threadPolicy.riseAbove(a(r), thread({ kind: 'knowledge', locked: true })), '1 0 0 0'],
    ]);
  });

  describe('posts', () => {
    table([
      ['edit my post within the window', (r) => postPolicy.edit(a(r), thread(), post(), now), '1 1 1 0'],
      [`edit my post after ${EDIT_WINDOW_MINUTES} minutes`, (r) => postPolicy.edit(a(r), thread(), post({ createdAt: minutesAgo(EDIT_WINDOW_MINUTES + 1) }), now), '0 0 0 0'],
      ["edit someone else's post", (r) => postPolicy.edit(a(r), thread(), post({ authorId: OTHER }), now), '0 0 0 0'],
      ['edit my deleted post', (r) => postPolicy.edit(a(r), thread(), post({ deletedAt: now }), now), '0 0 0 0'],
      ['edit my hidden post', (r) => postPolicy.edit(a(r), thread(), post({ hiddenAt: now }), now), '0 0 0 0'],
      ['edit my post in a locked thread', (r) => postPolicy.edit(a(r), thread({ locked: true }), post(), now), '1 0 0 0'],
      ['edit my journal entry a month later', (r) => postPolicy.edit(a(r), thread({ kind: 'journal', authorId: ME, firstPostId: 2 }), post({ createdAt: minutesAgo(43_200) }), now), '1 1 1 0'],
      ['edit my old comment on a journal entry', (r) => postPolicy.edit(a(r), thread({ kind: 'journal', firstPostId: 1 }), post({ createdAt: minutesAgo(43_200) }), now), '0 0 0 0'],
      ['delete my post', (r) => postPolicy.delete(a(r), thread(), post()), '1 1 1 0'],
      ['delete my old post (no window for removal)', (r) => postPolicy.delete(a(r), thread(), post({ createdAt: minutesAgo(99_999) })), '1 1 1 0'],
      ["delete someone else's post", (r) => postPolicy.delete(a(r), thread(), post({ authorId: OTHER })), '0 0 0 0'],
      ['delete an already deleted post', (r) => postPolicy.delete(a(r), thread(), post({ deletedAt: now })), '0 0 0 0'],
      ["react to someone else's post", (r) => postPolicy.react(a(r), thread(), post({ authorId: OTHER })), '1 1 1 0'],
      ['react to my own post', (r) => postPolicy.react(a(r), thread(), post()), '0 0 0 0'],
      ['react to a hidden post', (r) => postPolicy.react(a(r), thread(), post({ authorId: OTHER, hiddenAt: now })), '0 0 0 0'],
      ["hide someone else's post", (r) => postPolicy.hide(a(r), thread(), post({ authorId: OTHER })), '1 0 0 0'],
      ['hide a hidden post', (r) => postPolicy.hide(a(r), thread(), post({ authorId: OTHER, hiddenAt: now })), '0 0 0 0'],
      ['restore a hidden post', (r) => postPolicy.restore(a(r), thread(), post({ authorId: OTHER, hiddenAt: now })), '1 0 0 0'],
      ['move a top-level reply', (r) => postPolicy.move(a(r), thread(), post({ authorId: OTHER })), '1 0 0 0'],
      ['move an opening post', (r) => postPolicy.move(a(r), thread({ firstPostId: 2 }), post({ authorId: OTHER })), '0 0 0 0'],
      ['move a nested reply', (r) => postPolicy.move(a(r), thread(), post({ authorId: OTHER, parentId: 1 })), '0 0 0 0'],
      ['see the text of a hidden post', (r) => postPolicy.seeHidden(a(r)), '1 0 0 0'],
      ['manage the scaffold set', (r) => sharingPolicy.manageScaffolds(a(r)), '1 0 0 0'],
      ['read the moderation log', (r) => sharingPolicy.readModerationLog(a(r)), '1 0 0 0'],
    ]);
  });

  describe('resources', () => {
    table([
      ['view a resource', (r) => resourcePolicy.view(a(r), resource({ authorId: OTHER })), '1 1 1 1'],
      ['view a hidden resource', (r) => resourcePolicy.view(a(r), resource({ authorId: OTHER, hiddenAt: now })), '1 0 0 0'],
      ['view a deleted resource', (r) => resourcePolicy.view(a(r), resource({ deletedAt: now })), '0 0 0 0'],
      ['share a resource', (r) => resourcePolicy.share(a(r)), '1 1 1 0'],
      ['edit my resource', (r) => resourcePolicy.edit(a(r), resource()), '1 1 1 0'],
      ["edit someone else's resource", (r) => resourcePolicy.edit(a(r), resource({ authorId: OTHER })), '0 0 0 0'],
      ['delete my resource', (r) => resourcePolicy.delete(a(r), resource()), '1 1 1 0'],
      ["delete someone else's resource", (r) => resourcePolicy.delete(a(r), resource({ authorId: OTHER })), '0 0 0 0'],
      ["endorse someone else's resource", (r) => resourcePolicy.endorse(a(r), resource({ authorId: OTHER })), '1 1 1 0'],
      ['endorse my own resource', (r) => resourcePolicy.endorse(a(r), resource()), '0 0 0 0'],
      ['comment on a resource', (r) => resourcePolicy.comment(a(r), resource({ authorId: OTHER })), '1 1 1 0'],
      ['download a file', (r) => resourcePolicy.download(a(r), resource({ authorId: OTHER })), '1 1 1 1'],
      ['download a link (no file)', (r) => resourcePolicy.download(a(r), resource({ kind: 'link', authorId: OTHER })), '0 0 0 0'],
      ['download a hidden file', (r) => resourcePolicy.download(a(r), resource({ authorId: OTHER, hiddenAt: now })), '1 0 0 0'],
      ['hide a resource', (r) => resourcePolicy.hide(a(r), resource({ authorId: OTHER })), '1 0 0 0'],
      ['restore a hidden resource', (r) => resourcePolicy.restore(a(r), resource({ authorId: OTHER, hiddenAt: now })), '1 0 0 0'],
    ]);
  });

  describe('video clips: visibility (audience and chosen members) and clip actions', () => {
    const clip = (o: Partial<ResourceSubject> = {}) => resource({ kind: 'clip', authorId: OTHER, ...o });
    const chosen = (role: CommunityRole) => ({ role, userId: ME, membershipId: 70 });
    table([
      ['view a community clip', (r) => resourcePolicy.view(a(r), clip()), '1 1 1 1'],
      ['view a clip for facilitators', (r) => resourcePolicy.view(a(r), clip({ visibility: 'facilitators' })), '1 0 0 0'],
      ['view a clip for chosen members, not chosen', (r) => resourcePolicy.view({ ...a(r), membershipId: 71 }, clip({ visibility: 'members', viewerIds: [70] })), '0 0 0 0'],
      ['view a clip for chosen members, chosen', (r) => resourcePolicy.view(chosen(r), clip({ visibility: 'members', viewerIds: [70] })), '1 1 1 1'],
      ['view my own clip for chosen members', (r) => resourcePolicy.view(a(r), clip({ authorId: ME, visibility: 'members', viewerIds: [] })), '1 1 1 1'],
      ['view my own clip for facilitators', (r) => resourcePolicy.view(a(r), clip({ authorId: ME, visibility: 'facilitators' })), '1 1 1 1'],
      ['watch a community clip', (r) => resourcePolicy.watch(a(r), clip()), '1 1 1 1'],
      ['watch a restricted clip, not chosen', (r) => resourcePolicy.watch(a(r), clip({ visibility: 'members', viewerIds: [70] })), '0 0 0 0'],
      ['watch a file (not a clip)', (r) => resourcePolicy.watch(a(r), resource({ authorId: OTHER })), '0 0 0 0'],
      ['pin a comment to a moment', (r) => resourcePolicy.timeComment(a(r), clip()), '1 1 1 0'],
      ['pin a comment on a hidden clip', (r) => resourcePolicy.timeComment(a(r), clip({ hiddenAt: now })), '0 0 0 0'],
      ['add captions to my clip', (r) => resourcePolicy.caption(a(r), clip({ authorId: ME })), '1 1 1 0'],
      ["add captions to someone else's clip", (r) => resourcePolicy.caption(a(r), clip()), '0 0 0 0'],
      ["turn someone else's clip comments into a thread", (r) => resourcePolicy.toThread(a(r), clip()), '1 0 0 0'],
      ['turn my clip comments into a thread', (r) => resourcePolicy.toThread(a(r), clip({ authorId: ME })), '1 1 1 0'],
      ['turn my restricted clip comments into a thread', (r) => resourcePolicy.toThread(a(r), clip({ authorId: ME, visibility: 'facilitators' })), '0 0 0 0'],
      ['withdraw my clip', (r) => resourcePolicy.delete(a(r), clip({ authorId: ME })), '1 1 1 0'],
    ]);
  });

  describe('practice journal', () => {
    const entry = (o: Partial<ThreadSubject> = {}) => thread({ kind: 'journal', ...o });
    table([
      ['write an entry', (r) => journalPolicy.write(a(r)), '1 1 1 0'],
      ['view a community entry', (r) => journalPolicy.view(a(r), entry()), '1 1 1 1'],
      ["view someone else's private entry", (r) => journalPolicy.view(a(r), entry({ visibility: 'private' })), '0 0 0 0'],
      ['edit my entry', (r) => journalPolicy.edit(a(r), entry({ authorId: ME })), '1 1 1 0'],
      ["edit someone else's entry", (r) => journalPolicy.edit(a(r), entry()), '0 0 0 0'],
      ['delete my entry', (r) => journalPolicy.delete(a(r), entry({ authorId: ME })), '1 1 1 0'],
      ["delete someone else's entry", (r) => journalPolicy.delete(a(r), entry()), '0 0 0 0'],
      ['comment on a community entry', (r) => journalPolicy.comment(a(r), entry()), '1 1 1 0'],
      ["comment on someone else's private entry", (r) => journalPolicy.comment(a(r), entry({ visibility: 'private' })), '0 0 0 0'],
      ['comment on my own private entry', (r) => journalPolicy.comment(a(r), entry({ visibility: 'private', authorId: ME })), '1 1 1 0'],
    ]);
  });
});
