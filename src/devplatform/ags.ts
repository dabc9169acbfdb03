/**
 * Assignment and Grade Services 2.0: the line items container and line items (AGS §3.2),
 * with each flavour's URL shape. Moodle: `…/lineitems/7/lineitem?type_id=1`, and
 * `/scores` goes on the path before the query; Canvas: `…/lineitems/7`.
 */
import { Router, type Request, type Response } from 'express';
import type { DevPlatform } from './index';
import { hasScope, q } from './http';
import { SCOPES } from './scopes';
import { postScore, getResults } from './scores';
import type { DevLineItem } from './types';

const ITEM_TYPE = 'application/vnd.ims.lis.v2.lineitem+json';
const CONTAINER_TYPE = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const READ = [SCOPES.lineItem, SCOPES.lineItemReadonly];

/** Routes of the line items container, line items, scores and results. */
export function agsRoutes(p: DevPlatform): Router {
  const r = Router();
  const item = p.flavour === 'moodle' ? '/ags/:courseId/lineitems/:itemId/lineitem' : '/ags/:courseId/lineitems/:itemId';
  r.get('/ags/:courseId/lineitems', (req, res) => listItems(p, req, res));
  r.post('/ags/:courseId/lineitems', (req, res) => createItem(p, req, res));
  r.use(item, (req, res, next) => (badTypeId(p, req, res) ? undefined : next()));
  r.get(item, (req, res) => withItem(p, req, res, READ, (li) => res.type(ITEM_TYPE).send(JSON.stringify(present(li)))));
  r.put(item, (req, res) => withItem(p, req, res, [SCOPES.lineItem], (li) => updateItem(req, res, li)));
  r.delete(item, (req, res) => withItem(p, req, res, [SCOPES.lineItem], (li) => {
    p.lineItems.delete(li.id);
    res.status(204).end();
  }));
  if (p.flavour === 'moodle') {
    // `…/lineitem?type_id=1/scores`: a tool appended /scores after the query (LTIJS-NOTES.md).
    r.post(item, (_req, res) => void res.status(400).json({ status: 400, reason: 'Incorrect URL: append /scores to the path, before the query' }));
  }
  r.post(`${item}/scores`, (req, res) => postScore(p, req, res, findItem(p, req)));
  r.get(`${item}/results`, (req, res) => withItem(p, req, res, [SCOPES.resultReadonly], (li) => getResults(p, req, res, li)));
  return r;
}

/** Moodle's `type_id` must be a number; `1/scores` (scores after the query) is a 400. */
function badTypeId(p: DevPlatform, req: Request, res: Response): boolean {
  const t = q(req, 'type_id');
  if (p.flavour !== 'moodle' || t === '' || /^\d+$/.test(t)) return false;
  res.status(400).json({ status: 400, reason: `Invalid type_id: ${t}` });
  return true;
}

function findItem(p: DevPlatform, req: Request): DevLineItem | undefined {
  return p.lineItems.get(p.lineItemUrl(String(req.params.courseId), String(req.params.itemId)));
}

function withItem(p: DevPlatform, req: Request, res: Response, scopes: string[], then: (li: DevLineItem) => void): void {
  if (!hasScope(p, req, res, scopes)) return;
  const li = findItem(p, req);
  if (!li) return void res.status(404).json({ error: 'line item not found' });
  then(li);
}

/** The line item as AGS shows it (no scores). */
export function present(li: DevLineItem): Record<string, unknown> {
  const { scores: _scores, courseId: _courseId, ...rest } = li;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

/** Line item fields from a request body; a reason when invalid. */
function readFields(body: any): Omit<DevLineItem, 'id' | 'courseId' | 'scores'> | string {
  if (!body || typeof body !== 'object') return 'body must be a JSON line item';
  if (typeof body.label !== 'string' || body.label.trim() === '') return 'label is required';
  if (typeof body.scoreMaximum !== 'number' || !(body.scoreMaximum > 0)) return 'scoreMaximum must be a number > 0';
  for (const k of ['resourceLinkId', 'tag', 'resourceId', 'startDateTime', 'endDateTime']) {
    if (body[k] !== undefined && typeof body[k] !== 'string') return `${k} must be a string`;
  }
  const { label, scoreMaximum, resourceLinkId, tag, resourceId, startDateTime, endDateTime } = body;
  return { label, scoreMaximum, resourceLinkId, tag, resourceId, startDateTime, endDateTime };
}

function listItems(p: DevPlatform, req: Request, res: Response): void {
  if (!hasScope(p, req, res, READ)) return;
  const courseId = String(req.params.courseId);
  if (!p.courses.has(courseId)) return void res.status(404).json({ error: 'unknown context' });
  const filters: Array<[keyof DevLineItem, string]> = [['resourceLinkId', q(req, 'resource_link_id')], ['tag', q(req, 'tag')], ['resourceId', q(req, 'resource_id')]];
  const items = [...p.lineItems.values()]
    .filter((li) => li.courseId === courseId)
    .filter((li) => filters.every(([k, v]) => !v || li[k] === v));
  const limit = Number(q(req, 'limit')) > 0 ? Number(q(req, 'limit')) : items.length;
  res.type(CONTAINER_TYPE).send(JSON.stringify(items.slice(0, limit).map(present)));
}

function createItem(p: DevPlatform, req: Request, res: Response): void {
  if (!hasScope(p, req, res, [SCOPES.lineItem])) return;
  const courseId = String(req.params.courseId);
  if (!p.courses.has(courseId)) return void res.status(404).json({ error: 'unknown context' });
  const fields = readFields(req.body);
  if (typeof fields === 'string') return void res.status(400).json({ status: 400, reason: fields });
  const li = p.createLineItem(courseId, fields);
  res.status(201).type(ITEM_TYPE).send(JSON.stringify(present(li)));
}

function updateItem(req: Request, res: Response, li: DevLineItem): void {
  const fields = readFields(req.body);
  if (typeof fields === 'string') return void res.status(400).json({ status: 400, reason: fields });
  Object.assign(li, fields);
  res.type(ITEM_TYPE).send(JSON.stringify(present(li)));
}
