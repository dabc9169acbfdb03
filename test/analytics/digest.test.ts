import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Harness } from '../helpers/harness';
import { courseCommunity, keepLearner2Out } from '../helpers/community';
import { launchMember, memberFrom, CHARTER_FORM } from '../governance/helpers';
import { facilitatorDigestExtras, runFacilitatorDigests } from '../../src/analytics/facilitator-digest';
import { EmailOutbox } from '../../src/notifications/model';
import { Community, Membership } from '../../src/kernel/community';
import { translator } from '../../src/i18n';

describe("the analytics block of the facilitators' weekly digest", function () {
  this.timeout(60_000);
  let h: Harness;
  let cid: number;
  before(async () => {
    const setup = await courseCommunity('moodle', 'Digest', keepLearner2Out);
    h = setup.h;
    cid = setup.communityId;
    await memberFrom(h, setup.agent, cid).post(`/c/${cid}/charter`, CHARTER_FORM);
    const alex = await launchMember(h, setup.courseId, 'learner1');
    await alex.post(`/c/${cid}/threads`, { kind: 'discussion', title: 'Oral assessment', body: 'How do you do it?' });
  });

  it('returns the stage, its evidence and the suggested moves as catalog lines', async () => {
    const extras = await facilitatorDigestExtras(cid);
    assert.deepEqual(extras.map((x) => x.headingKey), ['analytics.digest.heading', 'analytics.digest.moves_heading']);
    const [stage, moves] = extras;
    assert.deepEqual(stage.lines[0], { key: 'analytics.digest.stage', params: { stage: 'identity' } });
    assert.deepEqual(stage.lines.slice(1), [{ key: 'analytics.stage.evidence.forming', params: { count: 2, launched: 2, contributions: 2 } }]);
    assert.deepEqual(moves.lines.map((l) => l.key), ['analytics.stage.moves.acknowledge_charter', 'analytics.stage.moves.first_meeting', 'analytics.stage.moves.opening_question']);
    const t = translator('en');
    assert.equal(t(stage.lines[0].key, stage.lines[0].params), "Current stage: Identity. Members agree on the community's purpose and ways of working; newcomers find their place.");
    assert.equal(await facilitatorDigestExtras(999_999_999).then((x) => x.length), 0, 'an unknown community has no block');
  });

  it('puts them in the e-mail each facilitator receives, in their language', async () => {
    const monday = DateTime.now().setZone('America/Toronto').startOf('week').plus({ weeks: 1 }).set({ hour: h.config.DIGEST_HOUR + 1 }).toJSDate();
    // Past its first week (a younger community gets no digest yet).
    await Community.update({ createdAt: new Date(Date.now() - 8 * 86_400_000) }, { where: { id: cid }, silent: true });
    await runFacilitatorDigests(h.runtime.sequelize, h.config, monday);
    const marie = await Membership.findOne({ where: { communityId: cid, role: 'facilitator', status: 'active' }, order: [['id', 'ASC']] });
    const mail = await EmailOutbox.findOne({ where: { communityId: cid, membershipId: marie!.id, category: 'digest.facilitator' } });
    assert.ok(mail, 'the facilitator got the digest');
    assert.match(mail.textBody, /Étape de la communauté/);
    assert.match(mail.textBody, /Étape actuelle\s: Identité\. Les membres s’entendent sur le but de la communauté/);
    assert.match(mail.textBody, /Seulement 2 des 2 membres venus dans CoPeR ont contribué dans les 4 dernières semaines \(2 contributions\)\./);
    assert.match(mail.textBody, /Actions d’animation suggérées/);
    assert.match(mail.textBody, /Planifiez une rencontre pour convenir ensemble du but de la communauté/);
  });
});
