import type { Transaction } from 'sequelize';
import { VideoCaption } from './model';

/** The text of a clip's captions (every language), for its search document (registered in features.ts). */
export async function captionsText(r: { id: number; kind?: string }, transaction: Transaction): Promise<string> {
  if (r.kind !== 'clip') return '';
  const rows = await VideoCaption.findAll({ where: { resourceId: r.id }, attributes: ['text'], order: [['lang', 'ASC']], transaction });
  return rows.map((c) => (JSON.parse(c.text) as Array<{ text: string }>).map((q) => q.text).join(' ')).join(' ');
}

