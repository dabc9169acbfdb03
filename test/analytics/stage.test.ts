import assert from 'node:assert/strict';
import { Story } from './histories';
import type { StageReading } from '../../src/analytics/stage';

const keys = (r: StageReading, part: 'evidence' | 'moves') => r[part].map((l) => l.key.replace(/^analytics\.stage\.\w+\./, ''));

/** Every reading states one or two evidence sentences and two or three moves. */
function wellFormed(r: StageReading) {
  assert.ok(r.evidence.length >= 1 && r.evidence.length <= 2, `evidence: ${keys(r, 'evidence')}`);
  assert.ok(r.moves.length >= 2 && r.moves.length <= 3, `moves: ${keys(r, 'moves')}`);
}

/**
 * A community's life, phase by phase (4 weeks each): forming, sharing, learning, solving, a wave
 * of newcomers, and their onboarding. Each phase is what its members do; the tests read the
 * stage at the end of each phase, as the dashboard and the digest would.
 */
function lifeStory() {
  const s = new Story();
  const core = s.members(12); // ids 1–12, joined and launched on day 0
  const [a, b, c, d, e, f, g, h] = core;
  // Phase A (days 0–28), identity: a few members acknowledge the charter, two of them write.
  s.spread([a, b, c, d], 'charter.acknowledge', 1, 0, 7).spread([a, b], 'thread.create', 3, 2, 27, { kind: 'discussion' });
  // Phase B (28–56), sharing: eight members open threads and share resources; few replies.
  s.spread([e, f, g, h], 'charter.acknowledge', 1, 28, 31)
    .spread([a, b, c, d, e, f, g, h], 'thread.create', 2, 29, 55, { kind: 'discussion' })
    .spread([a, b, c, d, e, f, g, h], 'resource.share', 2, 29, 55)
    .spread([a, b, c, d], 'post.reply', 1, 30, 55);
  // Phase C (56–84), learning: knowledge-building threads and notes, replies, a rise-above note.
  s.spread([a, b, c, d, e, f, g, h], 'thread.create', 1, 57, 60, { kind: 'knowledge' })
    .spread([a, b, c, d, e, f, g, h], 'post.knowledge', 3, 58, 83)
    .spread([a, b, c, d, e, f, g, h], 'post.reply', 2, 58, 83)
    .act(a, 'post.rise_above', 80, { links: [1, 2, 3] });
  // Phase D (84–112), solving: four problem requests, three get a lead, two are solved.
  s.spread([a, b, c, d, e, f, g, h], 'post.reply', 1, 85, 111)
    .problem(a, 86, e, 0.5, true)
    .problem(b, 90, f, 1, true)
    .problem(c, 95, g, 2)
    .problem(d, 100, h, null);
  // Phase E (112–140): the core keeps solving; six newcomers join on day 120, one finds their place.
  s.spread([a, b, c, d, e, f, g, h], 'post.reply', 1, 113, 139).problem(e, 114, a, 1, true).problem(f, 118, b, 0.5).problem(g, 125, c, 3, true);
  const newcomers = s.members(6, { joined: 120 });
  s.act(newcomers[0], 'charter.acknowledge', 121).act(newcomers[0], 'post.reply', 122);
  // Phase F (140–144): the other newcomers acknowledge the charter and contribute.
  s.spread(newcomers.slice(1), 'charter.acknowledge', 1, 140, 141).spread(newcomers.slice(1), 'post.reply', 1, 141, 143.5);
  return s;
}

describe('stage rules on constructed histories', () => {
  const story = lifeStory();

  it('reads identity (forming) when few members contribute yet, and asks for the charter and a first meeting', () => {
    const r = story.stageAt(28);
    assert.equal(r.stage, 'identity');
    assert.equal(r.rule, 'forming');
    assert.deepEqual(keys(r, 'evidence'), ['forming']);
    assert.deepEqual(r.evidence[0].params, { count: 2, launched: 12, contributions: 6 });
    assert.deepEqual(keys(r, 'moves'), ['acknowledge_charter', 'first_meeting', 'opening_question']);
    wellFormed(r);
  });

  it('moves from identity to sharing when many members share but rarely build on each other, and suggests bringing a problem', () => {
    const r = story.stageAt(56);
    assert.equal(r.stage, 'sharing');
    assert.deepEqual(keys(r, 'evidence'), ['sharing', 'no_problem_ever']);
    assert.deepEqual(r.evidence[0].params, { count: 36, sharing: 100, buildOn: 20 });
    assert.deepEqual(keys(r, 'moves'), ['no_problem_ever', 'answer_threads', 'knowledge_thread']);
    wellFormed(r);
  });

  it('moves from sharing to learning when contributions build on each other in knowledge building', () => {
    const r = story.stageAt(84);
    assert.equal(r.stage, 'learning');
    assert.equal(r.evidence[0].key, 'analytics.stage.evidence.learning');
    assert.deepEqual(r.evidence[0].params, { buildOn: 84, learning: 67, riseAbove: 1 });
    assert.deepEqual(keys(r, 'moves'), ['no_problem_ever', 'adaptation_notes', 'pair_mentors'], 'a rise-above note exists: no need to ask for one');
    wellFormed(r);
  });

  it('moves from learning to solving when members bring problems and peers answer them', () => {
    const r = story.stageAt(112);
    assert.equal(r.stage, 'solving');
    assert.deepEqual(r.evidence[0].params, { count: 4, withLead: 3, solved: 2 });
    assert.deepEqual(keys(r, 'moves'), ['unanswered_problems', 'accept_solutions', 'solutions_to_resources']);
    wellFormed(r);
  });

  it('returns to identity when many newcomers arrive and few have found their place, saying what the core would read', () => {
    const r = story.stageAt(140);
    assert.equal(r.stage, 'identity');
    assert.equal(r.rule, 'newcomers');
    assert.equal(r.returnedFrom, 'solving');
    assert.deepEqual(keys(r, 'evidence'), ['newcomers', 'returned_from']);
    assert.deepEqual(r.evidence[0].params, { count: 6, onboarded: 1 });
    assert.deepEqual(r.evidence[1].params, { stage: 'solving' });
    assert.deepEqual(keys(r, 'moves'), ['welcome_newcomers', 'pair_mentors', 'restate_purpose']);
    wellFormed(r);
  });

  it('leaves identity again once the newcomers have acknowledged the charter and contributed', () => {
    const r = story.stageAt(144);
    assert.equal(r.stage, 'solving');
    assert.equal(r.returnedFrom, null);
  });

  it('falls back from sharing to identity when participation collapses', () => {
    const s = new Story();
    const m = s.members(10, { ack: true });
    s.spread(m.slice(0, 6), 'thread.create', 2, 1, 27).spread(m.slice(0, 6), 'resource.share', 1, 1, 27);
    assert.equal(s.stageAt(28).stage, 'sharing');
    s.act(m[0], 'post.reply', 40).act(m[1], 'post.reply', 45);
    const r = s.stageAt(56);
    assert.equal(r.stage, 'identity');
    assert.equal(r.rule, 'forming');
  });

  it('does not call a brand-new community whose members are all new a "return" to identity', () => {
    const s = new Story();
    const m = s.members(8, { joined: 10, ack: true });
    s.spread(m, 'thread.create', 2, 11, 27).spread(m, 'resource.share', 1, 11, 27);
    const r = s.stageAt(28);
    assert.equal(r.stage, 'sharing', 'no established core: the newcomer rule needs at least 3 members who were there before');
  });

  it('stays in identity while most members have not acknowledged the charter, then moves on to sharing', () => {
    const s = new Story();
    const m = s.members(10);
    s.spread(m.slice(0, 6), 'thread.create', 2, 1, 27).spread(m.slice(0, 6), 'resource.share', 1, 1, 27).spread(m.slice(0, 3), 'charter.acknowledge', 1, 2, 4);
    const before = s.stageAt(28);
    assert.equal(before.stage, 'identity');
    assert.equal(before.rule, 'charter');
    assert.deepEqual(before.evidence, [{ key: 'analytics.stage.evidence.charter_unread', params: { count: 3, launched: 10 } }]);
    assert.equal(before.moves[0].key, 'analytics.stage.moves.acknowledge_charter');
    s.spread(m.slice(3, 8), 'charter.acknowledge', 1, 28, 29).spread(m.slice(0, 6), 'thread.create', 1, 29, 30);
    assert.equal(s.stageAt(30).stage, 'sharing', '8 of 10 have acknowledged it');
    s.charter = false;
    assert.deepEqual(s.stageAt(30).evidence, [{ key: 'analytics.stage.evidence.no_charter', params: {} }], 'without a charter the ways of working are not agreed');
  });

  it('asks for a charter when there is none, and invites enrolled members who never came', () => {
    const s = new Story();
    s.charter = false;
    const m = s.members(6);
    s.members(4, { launched: null });
    s.act(m[0], 'thread.create', 3, { kind: 'discussion' });
    const r = s.stageAt(28);
    assert.equal(r.rule, 'forming');
    assert.deepEqual(keys(r, 'moves'), ['draft_charter', 'invite_never_launched', 'first_meeting']);
    assert.deepEqual(r.moves[1].params, { count: 4 });
  });

  it('counts a problem request five weeks ago as "no problem request in 5 weeks" in the sharing stage', () => {
    const s = new Story();
    const m = s.members(10, { ack: true });
    s.problem(m[0], 20, m[1], 1).spread(m.slice(0, 6), 'thread.create', 2, 30, 55).spread(m.slice(0, 6), 'post.reply', 1, 30, 55);
    const r = s.stageAt(56);
    assert.equal(r.stage, 'sharing');
    assert.deepEqual(r.evidence[1], { key: 'analytics.stage.evidence.no_problem_weeks', params: { weeks: 5 } });
    assert.deepEqual(r.moves[0], { key: 'analytics.stage.moves.no_problem_weeks', params: { weeks: 5 } });
  });

  it('puts a low turnout on recent decisions first among the moves, whatever the stage', () => {
    const s = new Story();
    const m = s.members(10, { ack: true });
    s.spread(m.slice(0, 6), 'thread.create', 2, 1, 27).spread(m.slice(0, 2), 'vote.cast', 1, 5, 10).decision(12, m.slice(0, 2), 10);
    const r = s.stageAt(28);
    assert.equal(r.stage, 'sharing');
    assert.deepEqual(r.moves[0], { key: 'analytics.stage.moves.low_turnout', params: { turnout: 20 } });
    assert.equal(r.moves.length, 3);
  });

  it('reads learning from a rise-above note even when knowledge notes are few, and asks for one when there is none', () => {
    const s = new Story();
    const m = s.members(10, { ack: true });
    s.spread(m.slice(0, 6), 'thread.create', 1, 1, 20, { kind: 'discussion' }).spread(m.slice(0, 6), 'post.reply', 3, 2, 26);
    assert.equal(s.stageAt(28).stage, 'sharing', 'replies alone are conversation, not yet knowledge building');
    s.act(m[0], 'post.rise_above', 27, { links: [1, 2] });
    assert.equal(s.stageAt(28).stage, 'learning');
    const t = new Story();
    const n = t.members(10, { ack: true });
    t.spread(n.slice(0, 6), 'post.knowledge', 3, 2, 26).spread(n.slice(0, 6), 'thread.create', 1, 1, 20, { kind: 'knowledge' });
    const r = t.stageAt(28);
    assert.equal(r.stage, 'learning');
    assert.equal(r.moves[0].key, 'analytics.stage.moves.rise_above');
  });
});
