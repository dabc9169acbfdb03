/**
 * AGS score publish (AGS 2.0 §3.4) and result (§3.3) services, with each LMS's rules on
 * timestamps and on who can be graded (LTIJS-NOTES.md):
 * - Moodle keeps the timestamp to the whole second and answers 409 to any score not
 *   strictly later, replays included; a teacher's score is a 400.
 * - Canvas treats the timestamp as a version: a replay is accepted, an older one is 400;
 *   a user who is not a student of the course is 422.
 */
import type { Request, Response } from 'express';
import type { DevPlatform } from './index';
import { hasScope, parseIsoTimestamp, q, sendFault, takeFault } from './http';
import { isTeacher, ROLES } from './roles';
import { SCOPES } from './scopes';
import type { DevLineItem } from './types';

const SCORE_TYPE = 'application/vnd.ims.lis.v1.score+json';
const RESULTS_TYPE = 'application/vnd.ims.lis.v2.resultcontainer+json';
const ACTIVITY = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'];
const GRADING = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'];

type Answer = { status: number; body?: unknown };

/** POST <line item>/scores: validates, applies the flavour's rules, records every answer. */
export function postScore(p: DevPlatform, req: Request, res: Response, li: DevLineItem | undefined): void {
  const lineItemId = li?.id ?? `${p.url}${req.originalUrl}`;
  const answer = (a: Answer, retryAfter?: number): void => {
    p.scoresReceived.push({ lineItemId, body: req.body, status: a.status });
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    if (a.body === undefined) res.status(a.status).end();
    else res.status(a.status).json(a.body);
  };
  if (!hasScope(p, req, res, [SCOPES.score])) {
    p.scoresReceived.push({ lineItemId, body: req.body, status: 401 });
    return;
  }
  if (!li) return answer({ status: 404, body: { error: 'line item not found' } });
  const fault = takeFault(p.faults.scores);
  if (fault) {
    p.scoresReceived.push({ lineItemId, body: req.body, status: fault.status });
    return sendFault(res, fault);
  }
  if (!req.is(SCORE_TYPE)) return answer({ status: p.flavour === 'canvas' ? 415 : 400, body: { error: `Content-Type must be ${SCORE_TYPE}` } });
  const refusal = checkScore(p, li, req.body);
  if (refusal) return answer(refusal);
  li.scores.set(req.body.userId, req.body);
  // Moodle answers an empty 200; Canvas a body pointing at the result.
  answer(p.flavour === 'canvas' ? { status: 200, body: { resultUrl: `${resultsBase(li)}/results/${encodeURIComponent(req.body.userId)}` } } : { status: 200 });
}

/** The refusal the flavour would give, or undefined when the score is accepted. */
function checkScore(p: DevPlatform, li: DevLineItem, s: any): Answer | undefined {
  const bad = (reason: string): Answer => ({ status: 400, body: { status: 400, reason } });
  if (!s || typeof s !== 'object') return bad('Body must be a JSON score');
  if (typeof s.userId !== 'string' || s.userId === '') return bad('userId is required');
  if (!ACTIVITY.includes(s.activityProgress)) return bad(`activityProgress must be one of ${ACTIVITY.join(', ')}`);
  if (!GRADING.includes(s.gradingProgress)) return bad(`gradingProgress must be one of ${GRADING.join(', ')}`);
  const at = parseIsoTimestamp(s.timestamp);
  if (at === undefined) return bad('timestamp is required, in ISO 8601 with a time zone');
  if (s.scoreGiven !== undefined) {
    if (typeof s.scoreGiven !== 'number' || s.scoreGiven < 0) return bad('scoreGiven must be a number >= 0');
    if (typeof s.scoreMaximum !== 'number' || !(s.scoreMaximum > 0)) return bad('scoreMaximum must be a number > 0 when scoreGiven is present');
    if (s.scoreGiven > s.scoreMaximum) return bad('scoreGiven must not exceed scoreMaximum');
  }
  const user = p.findUser(s.userId, li.courseId);
  if (p.flavour === 'canvas') {
    if (!user || !user.roles.includes(ROLES.learner)) {
      return { status: 422, body: { errors: { type: 'unprocessable_entity', message: 'User not found in course or is not a student' } } };
    }
  } else if (!user) return bad('User not found in course');
  else if (isTeacher(user)) return bad('User cannot be graded (not a student)');
  return checkTimestamp(p, li.scores.get(s.userId), at);
}

function checkTimestamp(p: DevPlatform, stored: any, at: number): Answer | undefined {
  const prev = stored ? parseIsoTimestamp(stored.timestamp) : undefined;
  if (prev === undefined) return undefined;
  if (p.flavour === 'moodle') {
    if (Math.floor(at / 1000) <= Math.floor(prev / 1000)) return { status: 409, body: { status: 409, reason: 'Refusing score with an earlier timestamp' } };
    return undefined;
  }
  if (at < prev) {
    const message = `Provided timestamp of ${new Date(at).toISOString()} before last updated timestamp of ${new Date(prev).toISOString()}`;
    return { status: 400, body: { errors: { type: 'bad_request', message } } };
  }
  return undefined;
}

/** The line item URL without its query, so `/results` goes on the path (as Moodle requires). */
function resultsBase(li: DevLineItem): string {
  return li.id.split('?')[0];
}

/** GET <line item>/results: the latest score of each user, optionally one user. */
export function getResults(_p: DevPlatform, req: Request, res: Response, li: DevLineItem): void {
  const only = q(req, 'user_id');
  const results = [...li.scores.entries()]
    .filter(([userId]) => !only || userId === only)
    .map(([userId, s]) => Object.fromEntries(Object.entries({
      id: `${resultsBase(li)}/results/${encodeURIComponent(userId)}`,
      scoreOf: li.id,
      userId,
      // AGS §3.3.3: the score given, scaled to the line item's maximum.
      resultScore: typeof s.scoreGiven === 'number' ? (s.scoreGiven / s.scoreMaximum) * li.scoreMaximum : undefined,
      resultMaximum: typeof s.scoreGiven === 'number' ? li.scoreMaximum : undefined,
      comment: s.comment,
      timestamp: s.timestamp,
    }).filter(([, v]) => v !== undefined)));
  res.type(RESULTS_TYPE).send(JSON.stringify(results));
}
