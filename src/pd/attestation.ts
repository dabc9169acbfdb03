/**
 * Attestations with a verification code (issue 19): an employer reads the code on the PDF and
 * opens /verify/:code, which confirms the holder, the period, the total hours and the organiser —
 * nothing else. Downloading the same attestation again (same person, community, cycle and
 * total) gives the same code; a different total gets a new one, so a code always matches its paper.
 */
import crypto from 'node:crypto';
import { DataTypes, Model, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { Community } from '../kernel/community';
import type { Actor } from '../kernel/actor';
import type { Transcript } from './transcript';
import { today } from './cycles';
import { pickZone } from '../content/zone';

export class PdAttestation extends Model {
  declare id: number;
  declare code: string;
  declare userId: number;
  declare communityId: number;
  declare cycleKey: string;
  declare totalMinutes: number;
  declare holderName: string;
  declare createdAt: Date;
  declare community?: Community;
}

export function initAttestationModels(sequelize: Sequelize): void {
  PdAttestation.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(16), allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      cycleKey: { type: DataTypes.STRING(9), allowNull: false },
      totalMinutes: { type: DataTypes.INTEGER, allowNull: false },
      holderName: { type: DataTypes.STRING(255), allowNull: false },
    },
    { sequelize, tableName: 'pd_attestations', underscored: true, updatedAt: false },
  );
  PdAttestation.belongsTo(Community, { foreignKey: 'communityId', as: 'community' });
}

/** Crockford's base 32: no I, L, O, U (nothing to misread when typed from paper). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newCode(): string {
  const bytes = crypto.randomBytes(12);
  return [...bytes].map((b) => ALPHABET[b % 32]).join('');
}

/** The code as printed: XXXX-XXXX-XXXX. */
export function printedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A code as typed (any case, dashes or spaces), or null when it cannot be one. */
export function normalizeCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const code = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code) ? code : null;
}

/** The attestation of this transcript, issued now or earlier with the same total. */
export async function issueAttestation(actor: Pick<Actor, 'userId' | 'communityId'>, tr: Transcript, transaction: Transaction): Promise<PdAttestation> {
  const { userId, communityId } = actor;
  const same = await PdAttestation.findOne({ where: { userId, communityId, cycleKey: tr.cycle.key, totalMinutes: tr.totalMinutes }, transaction });
  if (same) return same;
  for (let attempt = 0; ; attempt++) {
    try {
      return await PdAttestation.create({ code: newCode(), userId, communityId, cycleKey: tr.cycle.key, totalMinutes: tr.totalMinutes, holderName: tr.name.slice(0, 255) }, { transaction });
    } catch (err) {
      // 60 bits of randomness: a collision is next to impossible, but never a 500 for it.
      if (!(err instanceof UniqueConstraintError) || attempt >= 2) throw err;
    }
  }
}

/** What the public page may confirm for a code (null: unknown code). */
export async function verifyAttestation(code: string) {
  const a = await PdAttestation.findOne({ where: { code }, include: [{ model: Community, as: 'community', attributes: ['title', 'timeZone'] }] });
  if (!a) return null;
  return { code: printedCode(a.code), holder: a.holderName, cycleKey: a.cycleKey, totalMinutes: a.totalMinutes, organiser: a.community?.title ?? '', issuedAt: a.createdAt, issuedOn: today(a.createdAt, pickZone(null, a.community?.timeZone)) };
}
