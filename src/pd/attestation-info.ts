import { Op } from 'sequelize';
import type { Config } from '../config';
import { Cohort, Membership, type Community } from '../kernel/community';
import { Platform } from '../kernel/platform';
import { User, displayName } from '../users/model';
import { printedCode } from './attestation';
import type { AttestationInfo } from './export';

/**
 * Who stands behind an attestation downloaded from a community: the community (organiser), the
 * institutions of its linked courses, the facilitator who signs (the longest-standing active
 * facilitator), and the verification address.
 */
export async function attestationInfo(config: Config, community: Community, code: string): Promise<AttestationInfo> {
  const [cohorts, facilitator] = await Promise.all([
    Cohort.findAll({ where: { communityId: community.id }, attributes: ['platformId'] }),
    Membership.findOne({
      where: { communityId: community.id, status: 'active', [Op.or]: [{ roleOverride: 'facilitator' }, { roleOverride: null, role: 'facilitator' }] },
      include: [{ model: User, as: 'user' }],
      order: [['id', 'ASC']],
    }),
  ]);
  const platforms = await Platform.findAll({ where: { id: { [Op.in]: [...new Set(cohorts.map((c) => c.platformId))] } }, attributes: ['name', 'issuer'] });
  return {
    organiser: community.title,
    institution: platforms.map((p) => p.name || p.issuer).join(', '),
    facilitator: facilitator?.user ? displayName(facilitator.user) : '',
    code: printedCode(code),
    verifyUrl: `${config.PUBLIC_URL}/verify/${printedCode(code)}`,
  };
}
