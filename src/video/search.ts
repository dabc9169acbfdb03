import type { Transaction } from 'sequelize';
import { VideoCaption } from './model';

/** The text of a clip's captions (every language), for its search document. */
export async function captionsText(resourceId: number, transaction: Transaction): Promise<string> {
  const rows = await VideoCaption.findAll({ where: { resourceId }, attributes: ['text'], order: [['lang', 'ASC']], transaction });
  return rows.map((c) => (JSON.parse(c.text) as Array<{ text: string }>).map((q) => q.text).join(' ')).join(' ');
}

