import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { Op } from 'sequelize';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, type Member } from '../helpers/sharing';
import type { CoverageRow } from '../../src/notifications/coverage';
import { notificationCoverage as COVERAGE } from '../../src/features';
import { defaultDelivery } from '../../src/notifications/kinds';
import { Notification, EmailOutbox } from '../../src/notifications/model';
import { Membership } from '../../src/kernel/community';
import { Post } from '../../src/discussions/model';
import { PdEntry } from '../../src/pd/model';
import { Mentorship } from '../../src/mentoring/model';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;
const rowId = (r: CoverageRow) => `${r.event} → ${r.kind}${r.context ? ` (${r.context})` : ''}`;
const local = (minutes: number) => DateTime.now().setZone('America/Toronto').plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");

/** What a scenario expects: each recipient (by LMS id) reads this text on their notifications page. */
type Expect = Array<{ to: string; text: RegExp }>;

/** The world the scenarios act in: one community, its people, and a mark set just before each event. */
interface World {
  c: Community;
  as: (sub: string) => Promise<Member>;
  mid: (sub: string) => Promise<number>;
  /** Call right before the event: only what follows counts. */
  mark: () => Promise<void>;
}

async function thread(w: World, sub: string, title: string): Promise<number> {
  return idFrom((await (await w.as(sub)).post(`${w.c.base}/threads`, { kind: 'discussion', title, body: 'Ouverture' })).url, 'threads');
}

async function lastPost(threadId: number): Promise<number> {
  return (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!.id;
}

async function pair(w: World, mentee: string, mentor: string): Promise<number> {
  await (await w.as(mentee)).post(`${w.c.base}/mentoring`, { mentor: String(await w.mid(mentor)) });
  return (await Mentorship.findOne({ where: { menteeId: await w.mid(mentee), mentorId: await w.mid(mentor) }, order: [['id', 'DESC']] }))!.id;
}

async function declaration(w: World, sub: string, title: string): Promise<number> {
  await (await w.as(sub)).post(`${w.c.base}/pd/declarations`, { category: 'lecture', date: DateTime.now().toISODate()!, hours: '1.5', title });
  return (await PdEntry.findOne({ where: { title } }))!.id;
}

async function problem(w: World, sub: string, title: string): Promise<number> {
  return idFrom((await (await w.as(sub)).post(`${w.c.base}/problems`, { title, context: 'Contexte.', tried: 'Essai.', needed: 'Des pistes.' })).url, 'problems');
}

/** One scenario per row delivered by the listener or by the discussions' notify: the event, then who reads what. */
const SCENARIOS: Record<string, (w: World) => Promise<Expect>> = {
  'post.reply → reply (own)': async (w) => {
    const t = await thread(w, 'learner3', 'Mon fil');
    await w.mark();
    await (await w.as('learner1')).post(`${w.c.base}/threads/${t}/posts`, { body: 'Réponse' });
    return [{ to: 'learner3', text: /Alex Smith a répondu à votre fil «\sMon fil\s»/ }];
  },
  'post.reply → reply': async (w) => {
    const t = await thread(w, 'learner3', 'Fil suivi');
    await (await w.as('mentor')).post(`${w.c.base}/threads/${t}/follow`, { on: '1' });
    await w.mark();
    await (await w.as('learner1')).post(`${w.c.base}/threads/${t}/posts`, { body: 'Réponse' });
    return [{ to: 'mentor', text: /Alex Smith replied in “Fil suivi”, a thread you follow/ }];
  },
  'lead.create → reply (lead)': async (w) => {
    const p = await problem(w, 'learner3', 'Ma demande');
    await w.mark();
    await (await w.as('learner1')).post(`${w.c.base}/problems/${p}/leads`, { body: 'Une piste.' });
    return [{ to: 'learner3', text: /Alex Smith a proposé une piste à votre demande d’aide «\sMa demande\s»/ }];
  },
  'solution.accept → problem.accepted': async (w) => {
    const p = await problem(w, 'learner3', 'Demande résolue');
    await (await w.as('learner1')).post(`${w.c.base}/problems/${p}/leads`, { body: 'La piste.' });
    const lead = await lastPost(p);
    await w.mark();
    await (await w.as('learner3')).post(`${w.c.base}/problems/${p}/leads/${lead}/accept`);
    return [{ to: 'learner1', text: /Nadia Côté accepted your lead as the solution to “Demande résolue”/ }];
  },
  'post.flag → post.flagged': async (w) => {
    const t = await thread(w, 'learner1', 'Fil signalé');
    await w.mark();
    await (await w.as('learner3')).post(`${w.c.base}/posts/${await lastPost(t)}/flag`, { reason: 'spam' });
    return [{ to: 'instructor', text: /Nadia Côté a signalé un message dans «\sFil signalé\s»/ }, { to: 'ta', text: /Nadia Côté a signalé un message dans «\sFil signalé\s»/ }];
  },
  'post.flag → post.flagged (own)': async (w) => {
    const t = await thread(w, 'mentor', 'Fil de Chris');
    await w.mark();
    await (await w.as('learner3')).post(`${w.c.base}/posts/${await lastPost(t)}/flag`, { reason: 'off_topic' });
    const n = await Notification.findOne({ where: { communityId: w.c.communityId, kind: 'post.flagged', membershipId: await w.mid('mentor') }, order: [['id', 'DESC']] });
    assert.equal(n!.actorMembershipId, null, 'who flagged is not kept');
    assert.equal((n!.params as Record<string, unknown>).actor, undefined);
    return [{ to: 'mentor', text: /One of your messages in “Fil de Chris” was flagged for the facilitators/ }];
  },
  'post.hide → post.hidden': async (w) => {
    const t = await thread(w, 'learner3', 'Fil modéré');
    await (await w.as('learner1')).post(`${w.c.base}/threads/${t}/posts`, { body: 'Propos' });
    await w.mark();
    await (await w.as('instructor')).post(`${w.c.base}/posts/${await lastPost(t)}/hide`, { reason: 'Hors sujet' });
    return [{ to: 'learner1', text: /The facilitators hid your message in “Fil modéré”: Hors sujet/ }];
  },
  'mentoring.accept → mentoring.answered (accepted)': async (w) => {
    const id = await pair(w, 'learner3', 'mentor');
    await w.mark();
    await (await w.as('mentor')).post(`${w.c.base}/mentoring/${id}/accept`);
    return [{ to: 'learner3', text: /Chris Lee a accepté d’être votre mentor/ }];
  },
  'mentoring.decline → mentoring.answered (declined)': async (w) => {
    const id = await pair(w, 'learner1', 'mentor');
    await w.mark();
    await (await w.as('mentor')).post(`${w.c.base}/mentoring/${id}/decline`);
    return [{ to: 'learner1', text: /Chris Lee declined your mentoring request/ }];
  },
  'mentoring.message → mentoring.activity (message)': async (w) => {
    const id = (await Mentorship.findOne({ where: { menteeId: await w.mid('learner3'), status: 'active' } }))!.id;
    await w.mark();
    await (await w.as('mentor')).post(`${w.c.base}/mentoring/${id}/messages`, { body: 'Bonjour!' });
    return [{ to: 'learner3', text: /Chris Lee vous a écrit dans votre espace de mentorat/ }];
  },
  'mentoring.goal → mentoring.activity (goal)': async (w) => {
    const id = (await Mentorship.findOne({ where: { menteeId: await w.mid('learner3'), status: 'active' } }))!.id;
    await w.mark();
    await (await w.as('mentor')).post(`${w.c.base}/mentoring/${id}/goals`, { title: 'Observer une classe' });
    return [{ to: 'learner3', text: /Chris Lee a fixé un nouvel objectif dans votre espace de mentorat/ }];
  },
  'mentoring.checkin → mentoring.activity (checkin)': async (w) => {
    const id = (await Mentorship.findOne({ where: { menteeId: await w.mid('learner3'), status: 'active' } }))!.id;
    await w.mark();
    await (await w.as('learner3')).post(`${w.c.base}/mentoring/${id}/checkins`, { note: 'Ça avance.' });
    return [{ to: 'mentor', text: /Nadia Côté recorded a check-in in your mentoring space/ }];
  },
  'meeting.attended → meeting.attendance': async (w) => {
    const marie = await w.as('instructor');
    const meeting = idFrom((await marie.post(`${w.c.base}/meetings`, { title: 'Rencontre de novembre', mode: 'remote', videoUrl: 'https://meet.example.org/n', startsAt: local(-120), durationMinutes: '60', recurrence: 'none' })).url, 'meetings');
    await w.mark();
    await marie.post(`${w.c.base}/meetings/${meeting}/attendance`, { [`status_${await w.mid('learner1')}`]: 'attended' });
    return [{ to: 'learner1', text: /Your attendance at the meeting “Rencontre de novembre” was recorded \(60 min\)/ }];
  },
  'pd.declare → pd.declared': async (w) => {
    await w.mark();
    await declaration(w, 'learner1', 'Lecture déclarée');
    return [{ to: 'instructor', text: /Alex Smith a déclaré des heures de formation continue à approuver\s: «\sLecture déclarée\s»/ }, { to: 'ta', text: /Lecture déclarée/ }];
  },
  'pd.resubmit → pd.declared (resubmitted)': async (w) => {
    const id = await declaration(w, 'learner1', 'Lecture à revoir');
    await (await w.as('instructor')).post(`${w.c.base}/pd/entries/${id}/review`, { decision: 'return', note: 'Précisez la source' });
    await w.mark();
    await (await w.as('learner1')).post(`${w.c.base}/pd/entries/${id}/resubmit`, { category: 'lecture', date: DateTime.now().toISODate()!, hours: '1', title: 'Lecture à revoir' });
    return [{ to: 'instructor', text: /Alex Smith a soumis de nouveau la déclaration de formation continue «\sLecture à revoir\s»/ }, { to: 'ta', text: /Lecture à revoir/ }];
  },
  'pd.approve → pd.approved': async (w) => {
    const id = await declaration(w, 'learner1', 'Lecture approuvée');
    await w.mark();
    await (await w.as('instructor')).post(`${w.c.base}/pd/entries/${id}/review`, { decision: 'approve' });
    return [{ to: 'learner1', text: /Your professional-development hours “Lecture approuvée” were approved/ }];
  },
  'pd.return → pd.returned': async (w) => {
    const id = await declaration(w, 'learner3', 'Lecture retournée');
    await w.mark();
    await (await w.as('instructor')).post(`${w.c.base}/pd/entries/${id}/review`, { decision: 'return', note: 'Ajoutez la date' });
    return [{ to: 'learner3', text: /Votre déclaration d(’|&#39;)heures de formation continue «\sLecture retournée\s» vous a été retournée/ }];
  },
};

/** Rows sent by other features, each already walked by that feature's notification tests. */
const COVERED_ELSEWHERE: Record<string, string> = {
  'post.reply → mention': 'test/notifications/discussion-notifications.test.ts',
  'problem.create → problem.addressed': 'test/problems/problems.test.ts',
  'problem.create → problem.matching': 'test/problems/problems.test.ts',
  'mentoring.request → mentoring.request': 'test/mentoring/mentoring.test.ts',
  'proposal.open → proposal.opened': 'test/governance/notifications.test.ts',
  'job: proposal closing → proposal.closing': 'test/governance/notifications.test.ts',
  'proposal.decided → proposal.decided': 'test/governance/notifications.test.ts',
  'meeting.schedule → meeting.scheduled': 'test/meetings/notifications.test.ts',
  'meeting.cancel → meeting.changed (cancelled)': 'test/meetings/notifications.test.ts',
  'job: meeting starting → meeting.starting': 'test/meetings/notifications.test.ts',
};

describe('notification coverage: every event that concerns someone tells them (src/notifications/coverage.ts)', () => {
  let h: Harness;
  let w: World;
  let mark = 0;
  let emailMark = 0;
  const known = new Map<string, number>();

  before(async () => {
    h = await harness();
    const c = await sharingCommunity(h);
    const ids = known;
    w = {
      c,
      as: c.as,
      mid: async (sub) => {
        if (!ids.has(sub)) {
          await c.as(sub);
          const m = await Membership.findOne({ where: { communityId: c.communityId }, include: [{ association: 'user', where: { sub } }] });
          ids.set(sub, m!.id);
        }
        return ids.get(sub)!;
      },
      mark: async () => {
        mark = ((await Notification.max('id')) as number | null) ?? 0;
        emailMark = ((await EmailOutbox.max('id')) as number | null) ?? 0;
      },
    };
    for (const sub of ['instructor', 'ta', 'learner1', 'learner3', 'mentor']) await w.mid(sub);
  });

  it('has a scenario or a covering test for every row, and no scenario without a row', () => {
    const ids = COVERAGE.map(rowId);
    assert.equal(new Set(ids).size, ids.length, 'one row per (event, kind, variant)');
    for (const id of ids) assert.ok(SCENARIOS[id] || COVERED_ELSEWHERE[id], `no scenario for ${id}`);
    for (const id of [...Object.keys(SCENARIOS), ...Object.keys(COVERED_ELSEWHERE)]) assert.ok(ids.includes(id), `${id} is not in the table`);
    for (const row of COVERAGE) {
      if (row.sentBy === 'listener') assert.ok(row.resolve && SCENARIOS[rowId(row)], `${rowId(row)}: a listener row is walked here`);
      else assert.ok(fs.existsSync(path.resolve(__dirname, '../..', row.sentBy)), `${rowId(row)}: ${row.sentBy} exists`);
      const elsewhere = COVERED_ELSEWHERE[rowId(row)];
      if (elsewhere) assert.match(fs.readFileSync(path.resolve(__dirname, '../..', elsewhere), 'utf8'), new RegExp(`'${row.kind.replace('.', '\\.')}'`), `${elsewhere} checks ${row.kind}`);
    }
  });

  for (const row of COVERAGE.filter((r) => SCENARIOS[rowId(r)])) {
    it(`${rowId(row)}: ${row.audience}`, async () => {
      const expected = await SCENARIOS[rowId(row)](w);
      const all = await Notification.findAll({ where: { id: { [Op.gt]: mark }, communityId: w.c.communityId, kind: row.kind } });
      const fresh = all.filter((n) => (n.params as Record<string, unknown>).context === row.context);
      for (const e of expected) {
        const mine = fresh.filter((n) => n.membershipId === mid(e.to));
        assert.equal(mine.length, 1, `${e.to} gets one ${row.kind}`);
        assert.equal((mine[0].params as Record<string, unknown>).context, row.context, 'the template variant of the row');
        const page = await (await w.as(e.to)).get(`${w.c.base}/notifications`);
        assert.match(page.text, e.text);
        // E-mail follows the recipient's preference: the default here (immediate: queued now; else in a digest).
        const immediate = defaultDelivery(row.kind) === 'immediate';
        assert.equal(mine[0].emailedAt !== null, immediate, `${row.kind}: e-mailed at once only when immediate`);
        assert.equal(await EmailOutbox.count({ where: { membershipId: mid(e.to), category: 'notification', id: { [Op.gt]: emailMark } } }) > 0, immediate);
      }
      assert.equal(fresh.filter((n) => !expected.some((e) => mid(e.to) === n.membershipId)).length, 0, 'nobody else is told');
    });
  }

  /** The membership id of a person (all of them launched in `before`). */
  const mid = (sub: string): number => known.get(sub)!;
});
