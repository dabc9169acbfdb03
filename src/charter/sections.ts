/**
 * A charter edited section by section (issue 19): the text splits on its second-level headings
 * ("## Participation"); the amendment form shows one heading and one text per section, plus an
 * empty one to add a section, and puts them back together on the way in.
 */
export interface CharterSection {
  heading: string;
  text: string;
}

/** The sections of a charter text (what comes before the first heading is a section without one). */
export function splitSections(body: string): CharterSection[] {
  const out: CharterSection[] = [];
  let current: CharterSection = { heading: '', text: '' };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const m = /^##\s+(.*)$/.exec(line);
    if (m) {
      if (current.heading || current.text.trim()) out.push({ heading: current.heading, text: current.text.trim() });
      current = { heading: m[1].trim(), text: '' };
    } else current.text += `${line}\n`;
  }
  if (current.heading || current.text.trim()) out.push({ heading: current.heading, text: current.text.trim() });
  return out;
}

/** The charter text from its sections (empty sections left out). */
export function joinSections(sections: CharterSection[]): string {
  return sections
    .filter((s) => s.heading.trim() || s.text.trim())
    .map((s) => (s.heading.trim() ? `## ${s.heading.trim()}\n\n${s.text.trim()}` : s.text.trim()))
    .join('\n\n')
    .trim();
}

/** The most sections a form may post (a charter is a few pages, not a book). */
export const MAX_SECTIONS = 40;

/** The charter text a section-by-section form posted (`section_heading_<i>`, `section_text_<i>`), or null when it posted none. */
export function sectionsFromForm(body: Record<string, unknown>): string | null {
  const sections: CharterSection[] = [];
  for (let i = 0; i < MAX_SECTIONS; i++) {
    const heading = body[`section_heading_${i}`];
    const text = body[`section_text_${i}`];
    if (heading === undefined && text === undefined) continue;
    sections.push({ heading: typeof heading === 'string' ? heading.replace(/[\r\n]+/g, ' ') : '', text: typeof text === 'string' ? text : '' });
  }
  return sections.length ? joinSections(sections) : null;
}
