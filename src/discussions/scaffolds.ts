import type { Transaction } from 'sequelize';
import { Scaffold } from './model';
import { translator, type Lang } from '../i18n';
import { tagSlug } from '../content/tags';
import { recordActivity } from '../activity/model';
import { who } from './posts';
import type { Actor } from '../kernel/actor';

/** The Knowledge Forum scaffolds every community starts with (labels in the catalogs). */
export const DEFAULT_SCAFFOLD_KEYS = ['my_theory', 'need_to_understand', 'new_information', 'better_theory', 'evidence', 'putting_together'] as const;
export const MAX_SCAFFOLDS = 12;

export interface ScaffoldView {
  key: string;
  labelFr: string;
  labelEn: string;
  active: boolean;
}

function defaults(): ScaffoldView[] {
  const fr = translator('fr');
  const en = translator('en');
  return DEFAULT_SCAFFOLD_KEYS.map((key) => ({ key, labelFr: fr(`discussions.scaffold_defaults.${key}`), labelEn: en(`discussions.scaffold_defaults.${key}`), active: true }));
}

/** The community's scaffolds (archived ones included: they still label old posts), or the defaults. */
export async function communityScaffolds(communityId: number, transaction?: Transaction): Promise<ScaffoldView[]> {
  const rows = await Scaffold.findAll({ where: { communityId }, order: [['position', 'ASC'], ['id', 'ASC']], transaction });
  if (rows.length === 0) return defaults();
  return rows.map((r) => ({ key: r.key, labelFr: r.labelFr, labelEn: r.labelEn, active: r.active }));
}

/** A scaffold's label in the reader's language (the other language when one is missing). */
export function scaffoldLabel(s: ScaffoldView, lang: Lang): string {
  return (lang === 'fr' ? s.labelFr : s.labelEn) || s.labelFr || s.labelEn;
}

export interface ScaffoldInput {
  key?: string;
  labelFr: string;
  labelEn: string;
  active: boolean;
}

/**
 * Save the community's scaffold set: existing keys are relabelled or archived (never deleted, posts
 * keep their label), new rows get a key from their label. Materializes the defaults on first save.
 */
export async function saveScaffolds(actor: Actor, input: ScaffoldInput[], transaction: Transaction): Promise<ScaffoldView[]> {
  const current = await communityScaffolds(actor.communityId, transaction);
  const byKey = new Map(current.map((s) => [s.key, s]));
  const next: ScaffoldView[] = current.map((s) => ({ ...s, active: false }));
  for (const row of input) {
    if (row.key && byKey.has(row.key)) {
      Object.assign(next.find((s) => s.key === row.key)!, { labelFr: row.labelFr, labelEn: row.labelEn, active: row.active });
      continue;
    }
    const base = tagSlug(row.labelEn || row.labelFr).replace(/-/g, '_').slice(0, 32) || 'scaffold';
    let key = base;
    for (let n = 2; next.some((s) => s.key === key); n++) key = `${base}_${n}`;
    next.push({ key, labelFr: row.labelFr, labelEn: row.labelEn, active: row.active });
  }
  await Scaffold.destroy({ where: { communityId: actor.communityId }, transaction });
  await Scaffold.bulkCreate(next.map((s, position) => ({ communityId: actor.communityId, ...s, position })), { transaction });
  await recordActivity(
    { ...who(actor), verb: 'scaffold.update', subject: { type: 'community', id: actor.communityId }, data: { active: next.filter((s) => s.active).map((s) => s.key) } },
    transaction,
  );
  return next;
}
