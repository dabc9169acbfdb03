/**
 * A small RFC 5545 reader for the tests: unfolds continuation lines (§3.1), splits
 * properties and parameters, unescapes text values (§3.3.11), groups VEVENTs.
 */
export interface IcsEvent {
  [property: string]: { value: string; params: Record<string, string> };
}

function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split(/\r\n/).filter(Boolean);
}

function unescapeText(v: string): string {
  return v.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
}

export function parseIcs(text: string): { lines: string[]; events: IcsEvent[] } {
  if (!text.includes('\r\n')) throw new Error('iCalendar lines must end with CRLF');
  const lines = unfold(text);
  const events: IcsEvent[] = [];
  let current: IcsEvent | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const [name, ...params] = line.slice(0, colon).split(';');
      current[name.toUpperCase()] = { value: unescapeText(line.slice(colon + 1)), params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])) };
    }
  }
  return { lines, events };
}

/** DTSTART/DTEND in UTC form (20260304T190000Z) → Date. */
export function icsDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new Error(`not a UTC date-time: ${v}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}
