import assert from 'node:assert/strict';
import { profilePolicy } from '../../src/profiles/policy';
import { canSeeField, levelOf } from '../../src/profiles/visibility';
import { problemPolicy } from '../../src/problems/policy';
import { mentoringPolicy } from '../../src/mentoring/policy';
import type { CommunityRole } from '../../src/kernel/roles';
import type { ProblemStatus } from '../../src/problems/model';
import type { MentorshipStatus } from '../../src/mentoring/model';

const ROLES: CommunityRole[] = ['facilitator', 'mentor', 'member', 'observer'];

describe('people policies (role × state tables)', () => {
  it('field visibility: community → everyone; facilitators → facilitators and the owner; me → the owner only', () => {
    const table: Record<string, Record<CommunityRole | 'owner', boolean>> = {
      community: { facilitator: true, mentor: true, member: true, observer: true, owner: true },
      facilitators: { facilitator: true, mentor: false, member: false, observer: false, owner: true },
      me: { facilitator: false, mentor: false, member: false, observer: false, owner: true },
    };
    for (const [level, row] of Object.entries(table)) {
      for (const role of ROLES) assert.equal(canSeeField(level as 'me', { membershipId: 1, role }, 2), row[role], `${level} × ${role}`);
      assert.equal(canSeeField(level as 'me', { membershipId: 2, role: 'observer' }, 2), row.owner, `${level} × owner`);
    }
    assert.equal(levelOf({}, 'expertise'), 'community', 'unset fields are visible to the community');
    assert.equal(levelOf({ expertise: 'bogus' as 'me' }, 'expertise'), 'community', 'a corrupt value falls back to the default');
  });

  it('profiles: edit only one’s own (observers read only); follow others, not oneself', () => {
    for (const role of ROLES) {
      assert.equal(profilePolicy.edit({ membershipId: 1, role }, 1), role !== 'observer', role);
      assert.equal(profilePolicy.edit({ membershipId: 1, role }, 2), false, role);
      assert.equal(profilePolicy.follow({ membershipId: 1, role }, 2), role !== 'observer', role);
      assert.equal(profilePolicy.follow({ membershipId: 1, role }, 1), false, role);
    }
  });

  it('problems: who may lead, mark, accept, resolve, archive and reopen, by role, ownership and status', () => {
    const STATUSES: ProblemStatus[] = ['open', 'in_progress', 'solved', 'archived'];
    const lead = { authorId: 20, deletedAt: null, hiddenAt: null };
    for (const role of ROLES) {
      for (const status of STATUSES) {
        const author = { membershipId: 1, userId: 10, role };
        const peer = { membershipId: 2, userId: 20, role };
        const p = { authorMembershipId: 1, status };
        const live = status !== 'archived';
        assert.equal(problemPolicy.create(peer), role !== 'observer');
        assert.equal(problemPolicy.lead(peer, p), role !== 'observer' && live, `lead ${role} ${status}`);
        assert.equal(problemPolicy.lead(author, p), false, 'not on one’s own problem');
        assert.equal(problemPolicy.markHelpful(author, p, lead), live, `mark ${role} ${status}`);
        assert.equal(problemPolicy.markHelpful(peer, p, lead), false);
        assert.equal(problemPolicy.accept(author, p, lead), live);
        assert.equal(problemPolicy.accept(author, p, { ...lead, deletedAt: new Date() }), false, 'a deleted lead');
        assert.equal(problemPolicy.accept(author, p, { ...lead, hiddenAt: new Date() }), false, 'a hidden lead');
        assert.equal(problemPolicy.resolve(author, p), live);
        assert.equal(problemPolicy.resolve(peer, p), false);
        assert.equal(problemPolicy.archive(peer, p), role === 'facilitator' && live, `archive ${role} ${status}`);
        assert.equal(problemPolicy.archive(author, p), live);
        assert.equal(problemPolicy.reopen(peer, p), role === 'facilitator' && (status === 'solved' || status === 'archived'));
        assert.equal(problemPolicy.reopen(author, p), status === 'solved' || status === 'archived');
      }
    }
  });

  it('mentoring: the pair’s space is the pair’s; facilitators see the pair, and read it only when invited', () => {
    const STATUSES: MentorshipStatus[] = ['requested', 'active', 'declined', 'closed'];
    for (const status of STATUSES) {
      for (const invited of [false, true]) {
        const p = { menteeId: 1, mentorId: 2, status, facilitatorsInvited: invited };
        const mentee = { membershipId: 1, role: 'member' as CommunityRole };
        const mentor = { membershipId: 2, role: 'mentor' as CommunityRole };
        const facilitator = { membershipId: 3, role: 'facilitator' as CommunityRole };
        const other = { membershipId: 4, role: 'member' as CommunityRole };
        const tag = `${status} invited=${invited}`;
        assert.equal(mentoringPolicy.see(other, p), false, tag);
        assert.equal(mentoringPolicy.read(other, p), false, tag);
        assert.equal(mentoringPolicy.see(facilitator, p), true, tag);
        assert.equal(mentoringPolicy.read(facilitator, p), invited, tag);
        assert.equal(mentoringPolicy.write(facilitator, p), false, tag);
        assert.equal(mentoringPolicy.read(mentee, p), true, tag);
        assert.equal(mentoringPolicy.write(mentee, p), status === 'active', tag);
        assert.equal(mentoringPolicy.write(mentor, p), status === 'active', tag);
        assert.equal(mentoringPolicy.respond(mentor, p), status === 'requested', tag);
        assert.equal(mentoringPolicy.respond(mentee, p), false, tag);
        assert.equal(mentoringPolicy.close(mentor, p), status === 'active', tag);
        assert.equal(mentoringPolicy.close(mentee, p), status === 'active' || status === 'requested', tag);
        assert.equal(mentoringPolicy.invite(facilitator, p), false, tag);
        assert.equal(mentoringPolicy.invite(mentee, p), status === 'active' || status === 'closed', tag);
      }
    }
    for (const role of ROLES) {
      assert.equal(mentoringPolicy.request({ membershipId: 1, role }), role !== 'observer');
      assert.equal(mentoringPolicy.pair({ membershipId: 1, role }), role === 'facilitator');
    }
  });
});
