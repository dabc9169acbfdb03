import assert from 'node:assert/strict';
import type { Sequelize } from 'sequelize';
import { harness } from '../helpers/harness';
import { buildCommunity, buildMembership } from '../factories';
import { openProposal, type OpenProposalInput } from '../../src/governance/open';
import { castVote } from '../../src/governance/vote';
import { closeProposal, closeDueProposals } from '../../src/governance/close';
import { eligibleVoterCount } from '../../src/governance/roster';
import { ballotId } from '../../src/governance/ballots';
import { Proposal, Vote, ProposalVoter, ProposalBallot } from '../../src/governance/model';
import { CharterVersion } from '../../src/charter/model';
import { Activity } from '../../src/activity/model';
import { DomainError } from '../../src/kernel/errors';
import type { Actor } from '../../src/kernel/actor';

const SECRET = 'test-secret-for-ballots-0123456789';
let sequelize: Sequelize;

const input = (over: Partial<OpenProposalInput> = {}): OpenProposalInput => ({
  kind: 'decision', title: 'Meet monthly', body: 'Let us meet every month.', rule: 'majority', deadline: new Date(Date.now() + 3600_000), anonymous: false, options: [], ...over,
});
const open = (actor: Actor, over: Partial<OpenProposalInput> = {}) => sequelize.transaction((t) => openProposal(actor, input(over), t));
const vote = (actor: Actor, id: number, choices: string[], reason = '') => sequelize.transaction((t) => castVote(actor, id, { choices, reason }, SECRET, t));
/** Time passes: the deadline is now behind us. */
const expire = (id: number) => Proposal.update({ deadline: new Date(Date.now() - 1000) }, { where: { id } });

describe('governance commands (database)', () => {
  before(async () => {
    sequelize = (await harness()).runtime.sequelize;
  });

  it('counts the active roster for quorum: active and invited (never launched) members, not observers or removed members', async () => {
    const c = await buildCommunity();
    await buildMembership(c, { role: 'facilitator' });
    await buildMembership(c, { role: 'member' });
    await buildMembership(c, { role: 'member', status: 'invited' });
    await buildMembership(c, { role: 'member', status: 'invited' });
    await buildMembership(c, { role: 'observer' });
    await buildMembership(c, { role: 'member', status: 'removed' });
    await buildMembership(c, { role: 'member', status: 'inactive' });
    assert.equal(await eligibleVoterCount(c.community.id), 4);
  });

  it('majority: launched members alone miss a quorum computed on a roster full of invited members', async () => {
    const c = await buildCommunity();
    const a = await buildMembership(c);
    const b = await buildMembership(c);
    for (let i = 0; i < 4; i++) await buildMembership(c, { role: 'member', status: 'invited' });
    const p = await open(a.actor);
    assert.equal(p.quorumPercent, 50, 'the quorum comes from the charter');
    await vote(a.actor, p.id, ['yes']);
    await vote(b.actor, p.id, ['yes']);
    await expire(p.id);
    const outcome = await closeProposal(sequelize, p.id);
    assert.equal(outcome!.result, 'no_quorum');
    assert.equal(outcome!.eligible, 6);
    assert.equal(outcome!.quorumNeeded, 3);
    assert.equal((await Proposal.findByPk(p.id))!.status, 'rejected');
  });

  it('majority: one member one vote whatever the role, a changed vote replaces the previous one, ties are not adopted', async () => {
    const c = await buildCommunity();
    const fac = await buildMembership(c, { role: 'facilitator' });
    const m1 = await buildMembership(c);
    const p = await open(m1.actor);
    await vote(fac.actor, p.id, ['yes']);
    await vote(m1.actor, p.id, ['yes']);
    await vote(m1.actor, p.id, ['no']); // changed before the deadline
    assert.equal(await Vote.count({ where: { proposalId: p.id } }), 2);
    assert.deepEqual(JSON.parse((await Vote.findOne({ where: { proposalId: p.id, membershipId: m1.membership.id } }))!.choice), ['no']);
    const activity = await Activity.findAll({ where: { subjectType: 'proposal', subjectId: p.id, verb: 'vote.cast' }, order: [['id', 'ASC']] });
    assert.deepEqual(activity.map((a) => JSON.parse(a.data!).changed), [false, false, true]);
    await expire(p.id);
    const outcome = await closeProposal(sequelize, p.id);
    assert.equal(outcome!.result, 'rejected');
    assert.equal(outcome!.tie, true, 'the facilitator’s yes weighs the same as the member’s no');
  });

  it('refuses observers, votes after the deadline, and invalid ballots, writing nothing', async () => {
    const c = await buildCommunity();
    const m = await buildMembership(c);
    const obs = await buildMembership(c, { role: 'observer' });
    const p = await open(m.actor, { rule: 'consent' });
    await assert.rejects(vote(obs.actor, p.id, ['consent']), (e: DomainError) => e.refusal === 'forbidden');
    await assert.rejects(vote(m.actor, p.id, ['object']), (e: DomainError) => e.messageKey === 'governance.errors.reason_required');
    await assert.rejects(vote(m.actor, p.id, ['yes']), (e: DomainError) => e.messageKey === 'governance.errors.choice_unknown');
    await assert.rejects(open(obs.actor), (e: DomainError) => e.refusal === 'forbidden');
    await expire(p.id);
    await assert.rejects(vote(m.actor, p.id, ['consent']), (e: DomainError) => e.messageKey === 'governance.errors.closed');
    assert.equal(await Vote.count({ where: { proposalId: p.id } }), 0);
    assert.equal(await Activity.count({ where: { subjectType: 'proposal', subjectId: p.id, verb: 'vote.cast' } }), 0);
  });

  it('refuses a rule the charter does not allow', async () => {
    const c = await buildCommunity({ charter: { rules: { rules: ['consent'], quorum: 50 } } });
    const m = await buildMembership(c);
    await assert.rejects(open(m.actor, { rule: 'majority' }), (e: DomainError) => e.messageKey === 'governance.errors.rule_not_allowed');
    assert.equal(await Proposal.count({ where: { communityId: c.community.id } }), 0);
  });

  it('anonymous votes: one per member, changeable, and no column links a member to a choice', async () => {
    const c = await buildCommunity();
    const a = await buildMembership(c);
    const b = await buildMembership(c);
    const p = await open(a.actor, { rule: 'consensus', anonymous: true });
    await vote(a.actor, p.id, ['agree']);
    await vote(b.actor, p.id, ['block'], 'Not ready');
    await vote(b.actor, p.id, ['agree']); // b changes their mind
    assert.equal(await ProposalVoter.count({ where: { proposalId: p.id } }), 2);
    const ballots = await ProposalBallot.findAll({ where: { proposalId: p.id }, raw: true });
    assert.equal(ballots.length, 2, 'the changed vote replaced the ballot');
    assert.deepEqual(Object.keys(ballots[0]).sort(), ['choice', 'id', 'proposalId', 'reason']);
    assert.equal(await Vote.count({ where: { proposalId: p.id } }), 0, 'no named vote row');
    // The ballot id is an HMAC: the server (with its secret) finds b's ballot; without the secret it is not derivable.
    const bBallot = ballots.find((x) => x.id === ballotId(SECRET, p.id, b.membership.id))!;
    assert.deepEqual(JSON.parse(bBallot.choice), ['agree']);
    assert.notEqual(ballotId('another-secret-0123456789abcdef', p.id, b.membership.id), bBallot.id);
    const acts = await Activity.findAll({ where: { subjectType: 'proposal', subjectId: p.id, verb: 'vote.cast' } });
    assert.ok(acts.every((x) => !('choices' in JSON.parse(x.data!))), 'the activity log says who voted, never what');
    await expire(p.id);
    const outcome = await closeProposal(sequelize, p.id);
    assert.equal(outcome!.result, 'adopted');
    assert.deepEqual(outcome!.tally, { agree: 2, abstain: 0, disagree: 0, block: 0 });
  });

  it('closes exactly once, even when two workers run at the same time, and an adopted amendment becomes the next charter version', async () => {
    const c = await buildCommunity();
    const a = await buildMembership(c);
    const p = await open(a.actor, { kind: 'amendment', rule: 'consent', amendment: { body: 'Charter v2', rules: { rules: ['consent', 'poll'], quorum: 60 } } });
    assert.equal(p.baseVersion, 1);
    await vote(a.actor, p.id, ['consent']);
    await expire(p.id);
    await Promise.all([closeDueProposals(sequelize), closeDueProposals(sequelize), closeProposal(sequelize, p.id)]);
    assert.equal(await Activity.count({ where: { subjectType: 'proposal', subjectId: p.id, verb: 'proposal.decided' } }), 1);
    const versions = await CharterVersion.findAll({ where: { communityId: c.community.id }, order: [['version', 'ASC']] });
    assert.deepEqual(versions.map((v) => v.version), [1, 2]);
    assert.equal(versions[1].body, 'Charter v2');
    assert.deepEqual(versions[1].rules, { rules: ['consent', 'poll'], quorum: 60 });
    assert.equal(versions[1].proposalId, p.id);
    assert.equal(versions[1].proposedBy, a.membership.id);
    assert.equal(await closeProposal(sequelize, p.id), null, 'closing again does nothing');
  });

  it('an amendment written against an older version is not applied over a newer one', async () => {
    const c = await buildCommunity();
    const a = await buildMembership(c);
    const first = await open(a.actor, { kind: 'amendment', rule: 'consent', amendment: { body: 'From v1, first', rules: { rules: ['consent'], quorum: 50 } } });
    const second = await open(a.actor, { kind: 'amendment', rule: 'consent', amendment: { body: 'From v1, second', rules: { rules: ['consent'], quorum: 50 } } });
    await expire(first.id);
    await expire(second.id);
    await closeProposal(sequelize, first.id);
    const outcome = await closeProposal(sequelize, second.id);
    assert.equal(outcome!.result, 'superseded');
    assert.equal(await CharterVersion.count({ where: { communityId: c.community.id } }), 2);
  });

  it('does not close a proposal before its deadline', async () => {
    const c = await buildCommunity();
    const a = await buildMembership(c);
    const p = await open(a.actor);
    assert.equal(await closeProposal(sequelize, p.id), null);
    assert.equal((await Proposal.findByPk(p.id))!.status, 'open');
  });
});
