import assert from 'node:assert/strict';
import { rankHelpers, scoreOf, reasonsOf, standingOf, STANDING, WEIGHTS, noEvidence, type Candidate, type Evidence } from '../../src/directory/ranking';

const cand = (membershipId: number, name: string, e: Partial<Evidence>, experienced = false): Candidate => ({ membershipId, name, experienced, evidence: { ...noEvidence(), ...e } });

describe('who-can-help ranking (pure)', () => {
  it('scores are the weighted sum of the evidence, and every non-zero term is a reason, strongest proof first', () => {
    const e = { accepted: 2, helpful: 1, endorsed: 3, useful: 4, declared: true };
    assert.equal(scoreOf(e), 2 * WEIGHTS.accepted + WEIGHTS.helpful + 3 * WEIGHTS.endorsed + 4 * WEIGHTS.useful + WEIGHTS.declared);
    assert.deepEqual(reasonsOf(e).map((r) => [r.kind, r.count]), [['accepted', 2], ['helpful', 1], ['endorsed', 3], ['useful', 4], ['declared', 1]]);
    assert.deepEqual(reasonsOf(noEvidence()), []);
  });

  it('orders by what members did before what they declared (argued fixture)', () => {
    // Ana: one accepted solution (5) — the asker said "this solved it".
    // Ben: declared expertise only (4) — a claim, outranked by one proven solution.
    // Chloé: two endorsements of her resource (4) — ties Ben on score; observed evidence (2 > 0) puts her first.
    // Dan: three "useful" reactions (3) — cheap signals, below a declaration.
    // Eve: nothing on this tag — left out entirely.
    const ranked = rankHelpers([
      cand(5, 'Eve', {}),
      cand(4, 'Dan', { useful: 3 }),
      cand(2, 'Ben', { declared: true }, true),
      cand(3, 'Chloé', { endorsed: 2 }),
      cand(1, 'Ana', { accepted: 1 }),
    ]);
    assert.deepEqual(ranked.map((r) => r.name), ['Ana', 'Chloé', 'Ben', 'Dan']);
    assert.deepEqual(ranked.map((r) => r.score), [5, 4, 4, 3]);
  });

  it('breaks ties by accepted solutions, then observed evidence, then experience, then name and id (stable)', () => {
    // Same score 6: Fay has an accepted solution (5+1), Gus has three helpful-lead... no: two helpful (6). Fay first: accepted wins.
    const a = rankHelpers([cand(1, 'Gus', { helpful: 2 }), cand(2, 'Fay', { accepted: 1, useful: 1 })]);
    assert.deepEqual(a.map((r) => r.name), ['Fay', 'Gus']);
    // Same score 4, no accepted, same observed (0): the experienced one first.
    const b = rankHelpers([cand(1, 'Hugo', { declared: true }), cand(2, 'Iris', { declared: true }, true)]);
    assert.deepEqual(b.map((r) => r.name), ['Iris', 'Hugo']);
    // All equal: French collation of names (É sorts with E), then id.
    const c = rankHelpers([cand(3, 'Zoé', { useful: 1 }), cand(2, 'Émile', { useful: 1 }), cand(1, 'Emma', { useful: 1 }), cand(4, 'Emma', { useful: 1 })]);
    assert.deepEqual(c.map((r) => [r.name, r.membershipId]), [['Émile', 2], ['Emma', 1], ['Emma', 4], ['Zoé', 3]]);
  });

  it('limits the list', () => {
    const many = Array.from({ length: 30 }, (_, i) => cand(i + 1, `M${String(i).padStart(2, '0')}`, { useful: i + 1 }));
    const top = rankHelpers(many, 5);
    assert.equal(top.length, 5);
    assert.equal(top[0].evidence.useful, 30);
  });
});

describe('matching that uses evidence: the mentor role, years of practice, newcomers', () => {
  const who = (c: Candidate & Partial<Pick<Candidate, 'mentorRole' | 'years' | 'newcomer'>>) => c;

  it('adds the mentor role and years of practice to evidence on the topic, with their reasons, but never suggests on standing alone', () => {
    const ranked = rankHelpers([
      who({ ...cand(1, 'Ana', { useful: 2 }), years: 12 }),
      who({ ...cand(2, 'Chris', { useful: 2 }), mentorRole: true }),
      who({ ...cand(3, 'Mentor sans preuve', {}), mentorRole: true, years: 30 }),
    ]);
    assert.deepEqual(ranked.map((r) => [r.name, r.score]), [['Chris', 2 + STANDING.mentorRole], ['Ana', 2 + 2]]);
    assert.deepEqual(ranked[0].reasons.map((r) => r.kind), ['useful', 'mentor_role']);
    assert.deepEqual(ranked[1].reasons.map((r) => [r.kind, r.count]), [['useful', 2], ['years', 12]]);
    assert.deepEqual(standingOf({ years: 40 }).score, STANDING.maxYears, 'years count up to a cap');
  });

  it('does not take a self-declared newcomer’s declared expertise as evidence (what they did still counts)', () => {
    const ranked = rankHelpers([
      who({ ...cand(1, 'Nouvelle', { declared: true }), newcomer: true }),
      who({ ...cand(2, 'Nouveau qui a aidé', { accepted: 1, declared: true }), newcomer: true }),
      cand(3, 'Expérimentée', { declared: true }, true),
    ]);
    assert.deepEqual(ranked.map((r) => [r.name, r.score]), [['Nouveau qui a aidé', 5], ['Expérimentée', 4]]);
    assert.deepEqual(ranked[0].reasons.map((r) => r.kind), ['accepted']);
  });
});
