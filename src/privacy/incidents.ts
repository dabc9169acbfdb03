import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { PrivacyIncident } from './model';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'a real date');
const text = (what: string) => z.string({ required_error: `${what} is required` }).trim().min(3, `${what}: at least 3 characters`).max(20_000);

/** One entry of the register: what the Act asks to record (date, nature, data and people, risk, measures, notifications). */
export const incidentSchema = z
  .object({
    date: day,
    discovered: day.optional(),
    nature: text('nature'),
    data: text('data'),
    people: text('people'),
    risk: z.enum(['low', 'serious'], { message: 'risk: low or serious' }),
    assessment: text('assessment'),
    measures: text('measures'),
    notified: z.string().trim().max(20_000).optional(),
  })
  .refine((v) => !v.discovered || v.discovered >= v.date, { message: 'discovered: on or after the date of the incident', path: ['discovered'] })
  .refine((v) => v.risk !== 'serious' || Boolean(v.notified), { message: 'notified: a serious risk must say whom was notified and when (Commission, people concerned)', path: ['notified'] });

export type IncidentInput = z.infer<typeof incidentSchema>;

/** Record an incident in the register. */
export function addIncident(input: IncidentInput): Promise<PrivacyIncident> {
  return PrivacyIncident.create({
    occurredOn: input.date,
    discoveredOn: input.discovered ?? input.date,
    nature: input.nature,
    dataConcerned: input.data,
    peopleConcerned: input.people,
    risk: input.risk,
    riskAssessment: input.assessment,
    measures: input.measures,
    notifications: input.notified ?? null,
  });
}

export function listIncidents(): Promise<PrivacyIncident[]> {
  return PrivacyIncident.findAll({ order: [['occurredOn', 'ASC'], ['id', 'ASC']] });
}

const COLUMNS = ['id', 'occurred_on', 'discovered_on', 'nature', 'data_concerned', 'people_concerned', 'risk', 'risk_assessment', 'measures', 'notifications', 'recorded_at'];

/** The register as CSV (UTF-8 with a byte-order mark, for a spreadsheet) or JSON. */
export function registerAs(format: 'csv' | 'json', rows: PrivacyIncident[]): string {
  const records = rows.map((r) => [r.id, r.occurredOn, r.discoveredOn, r.nature, r.dataConcerned, r.peopleConcerned, r.risk, r.riskAssessment, r.measures, r.notifications ?? '', r.createdAt.toISOString()]);
  if (format === 'json') return JSON.stringify({ register: 'confidentiality-incidents', version: 1, incidents: records.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]]))) }, null, 2);
  return '\uFEFF' + stringify([COLUMNS, ...records], { record_delimiter: 'windows' });
}
