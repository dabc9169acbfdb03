/**
 * Plain SQL for hot read paths (every page's session, user and membership): one statement joins
 * what Sequelize would fetch in several, and the row's columns become model instances without a
 * query of their own. `columnsOf` names a model's columns with a prefix; `instanceFrom` reads
 * them back (dates parsed as Sequelize does, booleans as booleans; JSON text stays text, its
 * getter parses it on use).
 */
import type { Model, ModelStatic } from 'sequelize';

/** Column lists already written, by model, alias and prefix (every page asks for the same few). */
const columnLists = new WeakMap<ModelStatic<Model>, Map<string, string>>();

/** `alias.field AS "prefix.attribute"` for every attribute of the model. */
export function columnsOf(model: ModelStatic<Model>, alias: string, prefix: string): string {
  let lists = columnLists.get(model);
  if (!lists) columnLists.set(model, (lists = new Map()));
  const key = `${model.sequelize!.getDialect()}\u0000${alias}\u0000${prefix}`;
  let list = lists.get(key);
  if (list === undefined) {
    const q = (s: string) => model.sequelize!.getQueryInterface().quoteIdentifier(s);
    list = Object.entries(model.getAttributes())
      .map(([attr, def]) => `${q(alias)}.${q(def.field ?? attr)} AS ${q(`${prefix}${attr}`)}`)
      .join(', ');
    lists.set(key, list);
  }
  return list;
}

/** An instance of the model (as if found: `update` writes what changed) from the prefixed columns of a row. */
export function instanceFrom<M extends Model>(model: ModelStatic<M>, row: Record<string, unknown>, prefix: string): M {
  const values: Record<string, unknown> = {};
  for (const [attr, def] of Object.entries(model.getAttributes())) {
    let v = row[`${prefix}${attr}`];
    const type = (def.type as { key?: string }).key;
    if (v !== null && v !== undefined) {
      if (type === 'DATE' && !(v instanceof Date)) v = new Date(v as string);
      else if (type === 'BOOLEAN') v = v === true || v === 1 || v === '1';
    }
    values[attr] = v ?? null;
  }
  return model.build(values as M['_creationAttributes'], { raw: true, isNewRecord: false });
}
