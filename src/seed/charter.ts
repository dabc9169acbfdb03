/**
 * The charter seeder: version 1, drafted by a facilitator in the community's first days, and the
 * members' acknowledgements. A later version comes from an adopted amendment (governance seeder),
 * which also asks everyone to acknowledge it again.
 */
import { CharterVersion, CharterAcknowledgement, type CharterRules } from '../charter/model';
import { Authors } from './people';
import { activity, actor, insertRows, type SeedContext, type SeedPerson } from './context';
import { singleTransaction } from '../db/retry';

/** The charter text (French first: the community's language). */
export function charterText(version: number): string {
  const lines = [
    '## Notre but',
    'Partager nos pratiques, apprendre les uns des autres et résoudre ensemble les difficultés du terrain.',
    '',
    '## Nos façons de faire',
    '- Chaque membre est volontaire et sa voix compte autant que les autres.',
    '- On partage ses ressources équitablement et on cite leurs sources.',
    '- On reste bienveillant : on critique les idées, jamais les personnes.',
    '- Les situations de patients, d’élèves ou d’étudiants sont toujours anonymisées.',
    '',
    '## Nos décisions',
    'Les décisions se prennent par consentement; un vote à la majorité est possible avec quorum.',
  ];
  if (version > 1) lines.push('', '## Rencontres', 'Une rencontre par mois, en personne ou par visioconférence; le compte rendu est déposé dans la communauté.');
  return lines.join('\n');
}

export const CHARTER_RULES: CharterRules = { rules: ['consent', 'majority', 'poll'], quorum: 40 };

/** Acknowledgements of one version by most members active after it (who read the charter and said so). */
export function acknowledgements(ctx: SeedContext, versionId: number, version: number, at: Date, share: number): Array<Record<string, unknown>> {
  const rng = ctx.rng.derive('acknowledgements', version);
  const rows: Array<Record<string, unknown>> = [];
  for (const p of ctx.people) {
    if (p.status === 'invited' || (p.leftAt && p.leftAt < at) || !rng.chance(share)) continue;
    const createdAt = ctx.timeline.after(rng, p.joinedAt > at ? p.joinedAt : at, 24 * 5);
    rows.push({ communityId: ctx.community.id, membershipId: p.membershipId, charterVersionId: versionId, createdAt });
    activity(ctx, { createdAt, ...actor(p), verb: 'charter.acknowledge', subject: { type: 'charter_version', id: versionId }, data: { version } });
  }
  return rows;
}

export async function seedCharter(ctx: SeedContext): Promise<void> {
  const author: SeedPerson = new Authors(ctx.people).facilitators()[0] ?? ctx.people[0];
  const at = ctx.timeline.at(0.01);
  await singleTransaction(ctx.sequelize, async (t) => {
    if (await CharterVersion.count({ where: { communityId: ctx.community.id }, transaction: t })) return;
    const id = await ctx.ids.reserve(CharterVersion, 1, t);
    await insertRows(ctx, CharterVersion, [{ id, communityId: ctx.community.id, version: 1, body: charterText(1), rules: CHARTER_RULES, proposedBy: author.membershipId, proposalId: null, createdAt: at, updatedAt: at }], t);
    activity(ctx, { createdAt: at, ...actor(author), verb: 'charter.draft', subject: { type: 'charter_version', id }, data: { version: 1 } });
    await insertRows(ctx, CharterAcknowledgement, acknowledgements(ctx, id, 1, at, 0.8), t);
    ctx.shared.charter = { id, version: 1 };
  });
}
