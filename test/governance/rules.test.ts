import assert from 'node:assert/strict';
import { decide, checkBallot, quorumNeeded, type Ballot } from '../../src/governance/rules';

const b = (choice: string | string[], reason?: string): Ballot => ({ choices: Array.isArray(choice) ? choice : [choice], reason: reason ?? null });

describe('decision rules (pure)', () => {
  describe('consent', () => {
    it('adopts a proposal no one objects to, even with abstentions and silence', () => {
      const o = decide({ rule: 'consent', eligible: 10, ballots: [b('consent'), b('abstain')] });
      assert.equal(o.result, 'adopted');
      assert.deepEqual(o.tally, { consent: 1, abstain: 1, object: 0 });
    });
    it('rejects a proposal with one reasoned objection, and records the reason', () => {
      const o = decide({ rule: 'consent', eligible: 10, ballots: [b('consent'), b('consent'), b('object', 'Breaks confidentiality')] });
      assert.equal(o.result, 'rejected');
      assert.deepEqual(o.reasons, [{ choice: 'object', reason: 'Breaks confidentiality' }]);
    });
    it('refuses an objection without a reason', () => {
      assert.equal(checkBallot({ rule: 'consent' }, b('object')), 'governance.errors.reason_required');
      assert.equal(checkBallot({ rule: 'consent' }, b('object', '  ')), 'governance.errors.reason_required');
      assert.equal(checkBallot({ rule: 'consent' }, b('object', 'why')), null);
    });
  });

  describe('consensus', () => {
    it('a single block stops the proposal whatever the agreements', () => {
      const o = decide({ rule: 'consensus', eligible: 5, ballots: [b('agree'), b('agree'), b('agree'), b('block', 'Against our values')] });
      assert.equal(o.result, 'rejected');
      assert.equal(o.tally.block, 1);
      assert.equal(o.reasons[0].reason, 'Against our values');
    });
    it('adopts when agreements outnumber disagreements and nobody blocks; disagreements stay recorded', () => {
      const o = decide({ rule: 'consensus', eligible: 5, ballots: [b('agree'), b('agree'), b('disagree', 'Too fast'), b('abstain')] });
      assert.equal(o.result, 'adopted');
      assert.equal(o.reasons.length, 1);
    });
    it('a tie between agree and disagree is not adopted', () => {
      const o = decide({ rule: 'consensus', eligible: 5, ballots: [b('agree'), b('disagree', 'no')] });
      assert.equal(o.result, 'rejected');
      assert.equal(o.tie, true);
    });
    it('requires reasons to disagree or block', () => {
      assert.equal(checkBallot({ rule: 'consensus' }, b('block')), 'governance.errors.reason_required');
      assert.equal(checkBallot({ rule: 'consensus' }, b('disagree')), 'governance.errors.reason_required');
      assert.equal(checkBallot({ rule: 'consensus' }, b('agree')), null);
    });
  });

  describe('majority with quorum', () => {
    // Roster of 10: 4 launched members and 6 invited who never launched — all count.
    it('fails for want of quorum when only launched members vote (quorum counts invited members too)', () => {
      const o = decide({ rule: 'majority', quorumPercent: 50, eligible: 10, ballots: [b('yes'), b('yes'), b('yes'), b('yes')] });
      assert.equal(o.result, 'no_quorum');
      assert.equal(o.quorumNeeded, 5);
    });
    it('adopts with quorum reached and more yes than no; abstentions count towards quorum only', () => {
      const o = decide({ rule: 'majority', quorumPercent: 50, eligible: 10, ballots: [b('yes'), b('yes'), b('no'), b('abstain'), b('abstain')] });
      assert.equal(o.result, 'adopted');
      assert.equal(o.participants, 5);
    });
    it('a tie is not adopted (the status quo stands)', () => {
      const o = decide({ rule: 'majority', quorumPercent: 50, eligible: 4, ballots: [b('yes'), b('no')] });
      assert.equal(o.result, 'rejected');
      assert.equal(o.tie, true);
    });
    it('rejects with quorum and more no than yes', () => {
      assert.equal(decide({ rule: 'majority', quorumPercent: 30, eligible: 6, ballots: [b('no'), b('no'), b('yes')] }).result, 'rejected');
    });
    it('computes the quorum by rounding up, and needs at least one voter', () => {
      assert.equal(quorumNeeded(7, 50), 4);
      assert.equal(quorumNeeded(10, 50), 5);
      assert.equal(quorumNeeded(3, 100), 3);
      assert.equal(quorumNeeded(0, 50), 1);
      assert.equal(decide({ rule: 'majority', quorumPercent: 50, eligible: 0, ballots: [] }).result, 'no_quorum');
    });
  });

  describe('polls', () => {
    it('single choice: the most chosen option wins; one choice only', () => {
      const o = decide({ rule: 'poll', options: ['o1', 'o2', 'o3'], pollMode: 'single', eligible: 5, ballots: [b('o2'), b('o2'), b('o1')] });
      assert.equal(o.result, 'closed');
      assert.deepEqual(o.winners, ['o2']);
      assert.equal(checkBallot({ rule: 'poll', options: ['o1', 'o2'], pollMode: 'single' }, b(['o1', 'o2'])), 'governance.errors.one_choice');
    });
    it('multiple choice and time polls accept several options, counted once each; ties list every winner', () => {
      const o = decide({ rule: 'poll', options: ['o1', 'o2'], pollMode: 'time', eligible: 5, ballots: [b(['o1', 'o2', 'o1']), b('o1'), b('o2')] });
      assert.deepEqual(o.tally, { o1: 2, o2: 2 });
      assert.deepEqual(o.winners, ['o1', 'o2']);
      assert.equal(o.tie, true);
      assert.equal(checkBallot({ rule: 'poll', options: ['o1', 'o2'], pollMode: 'multiple' }, b(['o1', 'o2'])), null);
    });
    it('refuses unknown options and empty ballots', () => {
      assert.equal(checkBallot({ rule: 'poll', options: ['o1'], pollMode: 'single' }, b('o9')), 'governance.errors.choice_unknown');
      assert.equal(checkBallot({ rule: 'majority' }, b([])), 'governance.errors.choice_required');
      assert.equal(checkBallot({ rule: 'majority' }, b('agree')), 'governance.errors.choice_unknown');
    });
  });

  it('gives every ballot the same weight: a ballot carries no role, and the tally is a plain count', () => {
    const ballots = [b('yes'), b('no'), b('no')];
    assert.equal(decide({ rule: 'majority', quorumPercent: 10, eligible: 3, ballots }).result, 'rejected');
    assert.ok(ballots.every((x) => Object.keys(x).sort().join() === 'choices,reason'));
  });

  it('anonymous ballots carry no voter, so their reasons come out without a name', () => {
    const o = decide({ rule: 'consent', eligible: 3, ballots: [{ choices: ['object'], reason: 'Too vague' }] });
    assert.deepEqual(o.reasons, [{ choice: 'object', reason: 'Too vague' }]);
    const named = decide({ rule: 'consent', eligible: 3, ballots: [{ choices: ['object'], reason: 'Too vague', voter: 'Alex' }] });
    assert.equal(named.reasons[0].voter, 'Alex');
  });
});
