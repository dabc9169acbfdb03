import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

/** What every CoPeR e-mail is made of; rendered to HTML (views/notifications/email/message.ejs) and plain text. */
export interface EmailContent {
  lang: 'fr' | 'en';
  subject: string;
  greeting: string;
  heading: string;
  intro?: string;
  items: Array<{ text: string; href: string; when?: string }>;
  sections: Array<{ heading: string; lines: string[] }>;
  action?: { label: string; href: string };
  footer: { reason: string; openNote: string; preferences: { label: string; href: string }; unsubscribe: { label: string; href: string } };
}

// From src/notifications (tsx) or dist/src/notifications (compiled), views/ sits at the project root.
const TEMPLATE = [path.resolve(__dirname, '../../views'), path.resolve(__dirname, '../../../views')]
  .map((d) => path.join(d, 'notifications/email/message.ejs'))
  .find((f) => fs.existsSync(f))!;

/** The HTML part (EJS escapes every value: titles and names come from members). */
export async function renderHtml(c: EmailContent): Promise<string> {
  return ejs.renderFile(TEMPLATE, { c }, { cache: true, async: false });
}

/** The plain-text part, for mail clients that do not show HTML and for screen readers that prefer it. */
export function renderText(c: EmailContent): string {
  const colon = c.lang === 'fr' ? ' : ' : ': '; // French typography: a space before the colon
  const out: string[] = [c.greeting, '', c.heading];
  if (c.intro) out.push('', c.intro);
  if (c.items.length) out.push('');
  for (const i of c.items) out.push(`- ${i.text}${i.when ? ` (${i.when})` : ''}`, `  ${i.href}`);
  for (const s of c.sections) out.push('', s.heading, ...s.lines.map((l) => `- ${l}`));
  if (c.action) out.push('', `${c.action.label}${colon}${c.action.href}`);
  out.push('', '--', c.footer.reason, c.footer.openNote, `${c.footer.preferences.label}${colon}${c.footer.preferences.href}`, `${c.footer.unsubscribe.label}${colon}${c.footer.unsubscribe.href}`);
  return out.join('\n') + '\n';
}
