import type { Transaction } from 'sequelize';
import { Meeting, AgendaItem, type MeetingMode, type Recurrence } from './model';
import { occurrenceStarts } from './recurrence';
import { Proposal } from '../governance/model';
import { problemAgendaItems } from '../problems/agenda';
import { recordActivity } from '../activity/model';
import { notifyMeetingScheduled } from './notifications';
import { withinStartingWindow } from './starting-soon';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

export interface ScheduleInput {
  title: string;
  description: string | null;
  mode: MeetingMode;
  place: string | null;
  videoUrl: string | null;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  recurrence: Recurrence;
  occurrences: number;
  /** Free-text topics, in order. */
  topics: string[];
  /** Open proposals of the community to put on the agenda. */
  proposalIds: number[];
  /** Problem requests (their thread ids) to bring to the meeting. */
  problemIds?: number[];
}

// A meeting held earlier may be recorded afterwards (for its attendance), within a month.
const PAST_LIMIT_MS = 31 * 24 * 3600_000;
const FUTURE_LIMIT_MS = 2 * 366 * 24 * 3600_000;

/** The agenda: free topics, then open proposals — generic items (kind + id + title) so problems can join later. */
async function agendaOf(actor: Actor, input: ScheduleInput, transaction: Transaction) {
  const proposals = input.proposalIds.length
    ? await Proposal.findAll({ where: { id: input.proposalIds, communityId: actor.communityId, status: 'open' }, order: [['deadline', 'ASC']], transaction })
    : [];
  if (proposals.length !== new Set(input.proposalIds).size) throw new DomainError('invalid', 'meetings.errors.agenda_proposal');
  return [
    ...input.topics.map((title) => ({ kind: 'topic', refId: null, title: title.slice(0, 300) })),
    ...proposals.map((p) => ({ kind: 'proposal', refId: p.id, title: p.title })),
    ...(await problemAgendaItems(actor.communityId, input.problemIds ?? [], transaction)),
  ];
}

/** Schedule a meeting (a contributing member: the route checks it) (and, when recurring, each of its occurrences as its own row, so each has its attendance). */
export async function scheduleMeeting(actor: Actor, input: ScheduleInput, transaction: Transaction, now = new Date()): Promise<Meeting[]> {
  const offset = input.startsAt.getTime() - now.getTime();
  if (offset < -PAST_LIMIT_MS || offset > FUTURE_LIMIT_MS) throw new DomainError('invalid', 'meetings.errors.starts_range');
  const agenda = await agendaOf(actor, input, transaction);
  const starts = occurrenceStarts(input.startsAt, input.timeZone, input.recurrence, input.occurrences);
  const { occurrences: _n, topics: _t, proposalIds: _p, problemIds: _pb, ...fields } = input;
  const meetings: Meeting[] = [];
  for (const startsAt of starts) {
    // Starting within 15 minutes: the "scheduled" notice serves as the reminder, so none is due later.
    const startingNotifiedAt = withinStartingWindow(startsAt, now) ? now : null;
    const m = await Meeting.create({ ...fields, startsAt, communityId: actor.communityId, createdBy: actor.membershipId, seriesId: meetings[0]?.id ?? null, status: 'scheduled', startingNotifiedAt }, { transaction });
    await AgendaItem.bulkCreate(agenda.map((a, i) => ({ ...a, meetingId: m.id, position: i + 1 })), { transaction });
    meetings.push(m);
  }
  if (meetings.length > 1) await meetings[0].update({ seriesId: meetings[0].id }, { transaction });
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'meeting.schedule', subject: { type: 'meeting', id: meetings[0].id }, data: { occurrences: meetings.length, mode: input.mode } },
    transaction,
  );
  await notifyMeetingScheduled(meetings, transaction, now);
  return meetings;
}
