import assert from 'node:assert/strict';
import { harness } from '../helpers/harness';
import { suggestMentors } from '../../src/mentoring/suggest';
import type { MemberRecord } from '../../src/profiles/members';
import type { Profile } from '../../src/profiles/model';

const record = (membershipId: number, name: string, role: MemberRecord['role'], profile: Partial<Profile> | null): MemberRecord => ({
  membershipId, userId: membershipId, name, picture: null, role, cohortId: 1, cohort: 'Cours', lmsInstitution: null,
  profile: profile ? ({ visibility: {}, experience: null, yearsPractice: null, ...profile } as Profile) : null,
  tags: { expertise: [], learning: [] },
});

describe('mentor suggestions for a newcomer (who declared nothing to learn yet)', () => {
  it('puts the course’s mentor first, then years of practice, never a newcomer, each with why', async () => {
    const h = await harness();
    const mentee = record(1, 'Nouvelle Venue', 'member', { experience: 'newcomer' });
    const records = [
      mentee,
      record(2, 'Alice Autre-Nouvelle', 'member', { experience: 'newcomer', yearsPractice: 1 }),
      record(3, 'Bruno Chevronné', 'member', { experience: 'experienced', yearsPractice: 16 }),
      record(4, 'Chris Lee', 'mentor', { experience: 'newcomer' }),
      record(5, 'Dina Débutante', 'member', null),
      record(6, 'Marie Tremblay', 'facilitator', null),
      record(7, 'Olivia Observatrice', 'observer', { experience: 'experienced' }),
    ];
    const out = await suggestMentors(h.runtime.sequelize, 99, { membershipId: 1, role: 'member' }, mentee, records);
    assert.deepEqual(out.map((s) => s.card.name), ['Chris Lee', 'Bruno Chevronné', 'Marie Tremblay']);
    assert.deepEqual(out.map((s) => s.reasons.map((r) => r.kind)), [['mentor_role'], ['years', 'experienced'], ['facilitator']]);
    assert.equal(out[1].reasons[0].count, 16);
  });
});
