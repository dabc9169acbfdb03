/**
 * The IANA time zones the runtime knows: the one check for a zone a member or a community
 * chooses, or a launch sends (the time zone custom parameter). Which zone a reader sees is
 * decided in src/content/zone.ts.
 *
 * `Intl.supportedValuesOf('timeZone')` lists ICU's canonical names, and ICU keeps some old
 * spellings as canonical: Node 20 lists `Asia/Calcutta`, not `Asia/Kolkata`, though browsers,
 * LMSs and the IANA database itself send the current name. A zone is therefore valid when the
 * runtime can format a date in it (every alias of the IANA database), not only when it is listed.
 */
const LISTED = new Set(Intl.supportedValuesOf('timeZone'));
LISTED.add('UTC');

/** Zones the IANA database renamed, by their old name, when ICU still lists the old one. */
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Argentina/ComodRivadavia': 'America/Argentina/Catamarca',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const known = new Map<string, boolean>();

function formats(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  if (LISTED.has(zone)) return true;
  let ok = known.get(zone);
  if (ok === undefined) {
    ok = /^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone) && formats(zone);
    if (known.size < 1000) known.set(zone, ok);
  }
  return ok;
}

/** The listed zones under their current names, sorted (once: every form that chooses a zone shows them). */
const OFFERED = [...new Set([...LISTED].map((z) => (RENAMED[z] && formats(RENAMED[z]) ? RENAMED[z] : z)))].sort();

/** The zones the forms offer, with `selected` among them when it is a zone (a zone chosen under an old name stays selectable). */
export function timeZones(selected?: string | null): readonly string[] {
  return isTimeZone(selected) && !OFFERED.includes(selected) ? [...OFFERED, selected].sort() : OFFERED;
}
