import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError } from '../kernel/errors';

/**
 * The one place request bodies are parsed and checked before any route sees them (issue 15:
 * hostile bodies reached zod and the database and came back as 500s). After these handlers a
 * route can rely on:
 *
 * - the body was a form: `application/x-www-form-urlencoded`, or `multipart/form-data` left to
 *   the upload routes' own parser (src/resources/upload.ts, which applies `checkMultipartFields`).
 *   Nothing in the tool takes JSON (the only JSON client, public/js/members.js, reads a GET), so
 *   any other type is a 415;
 * - every value is a string, or a list of strings when the field was repeated: the parser is
 *   `extended: false` (body-parser 2: qs with depth 0), so `a[b]=1` is the field "a[b]", never an
 *   object; `checkFields` refuses anything else that is not text (multipart's bracket syntax);
 * - no field name is, or starts as a path with, a name of Object.prototype (`__proto__`,
 *   `constructor`, `toString`…) or `prototype` (checked on the raw body too: qs drops `__proto__`);
 * - the bytes were valid UTF-8, raw or percent-encoded (the parser would otherwise pass them on
 *   garbled, and the database may refuse them);
 * - no value or name holds a control character other than tab, line feed and carriage return
 *   (browsers send a textarea's line breaks as CR LF): NUL reached SQLite as an error;
 * - the body is at most 1 MB (413 with a friendly page; uploads have their own limit).
 *
 * The query string gets the same checks (text is accepted there too: search, filters).
 */

export const FORM_LIMIT = '1mb';
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
// Object.prototype's names (__proto__, constructor, toString, hasOwnProperty…) and `prototype`: no
// form uses them, and as field names they shadow or reach the prototype of the parsed body.
const FORBIDDEN_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
// C0 controls except tab, LF, CR; DEL; C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The bytes a form-encoded text stands for, percent-escapes decoded (to check that they are UTF-8). */
export function decodedBytes(raw: Buffer): Buffer {
  const out = Buffer.alloc(raw.length);
  let n = 0;
  const hex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x25 && i + 2 < raw.length && hex(raw[i + 1]) && hex(raw[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16);
      i += 2;
    } else out[n++] = raw[i];
  }
  return out.subarray(0, n);
}

const invalidUtf8 = () => new DomainError('invalid', 'errors.invalid_encoding');
const forbiddenName = (name: string) => FORBIDDEN_NAMES.has(name.split(/[[.]/)[0]);

/** Refuse a raw form body that is not UTF-8 or names a forbidden field (before qs sees it). */
function verifyForm(buf: Buffer): void {
  const bytes = decodedBytes(buf);
  if (!isUtf8(bytes)) throw invalidUtf8();
  for (const pair of buf.toString('latin1').split('&')) {
    const name = decodedBytes(Buffer.from(pair.split('=')[0].replace(/\+/g, ' '), 'latin1')).toString('utf8');
    if (forbiddenName(name)) throw new DomainError('invalid', 'errors.invalid_field_name');
  }
}

/** Why a parsed form cannot be accepted (a catalog key), or null when every field is plain text. */
export function checkFields(fields: unknown): DomainError | null {
  if (fields === undefined || fields === null) return null;
  if (typeof fields !== 'object' || Array.isArray(fields)) return new DomainError('invalid', 'errors.invalid_input');
  for (const [name, value] of Object.entries(fields)) {
    if (forbiddenName(name)) return new DomainError('invalid', 'errors.invalid_field_name');
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string')) return new DomainError('invalid', 'errors.invalid_input');
    if (CONTROL.test(name) || values.some((v) => CONTROL.test(v as string))) return new DomainError('invalid', 'errors.control_characters');
  }
  return null;
}

/**
 * A multipart form's text fields and file name: `checkFields`, and no U+FFFD. busboy decodes parts
 * without complaint, replacing bytes that are not UTF-8 with U+FFFD; browsers send UTF-8, so that
 * character means the bytes were broken (raw form bodies are checked byte by byte instead).
 */
export function checkMultipartFields(fields: unknown, fileName?: string): DomainError | null {
  const refused = checkFields(fields);
  if (refused) return refused;
  const texts = Object.entries((fields ?? {}) as Record<string, string | string[]>).flatMap(([k, v]) => [k, ...(Array.isArray(v) ? v : [v])]);
  if (fileName !== undefined) texts.push(fileName);
  return texts.some((s) => s.includes('\uFFFD')) ? invalidUtf8() : null;
}

/** 415 for a body that is not a form (JSON, XML, text, no type at all). Requests without a body pass. */
function formsOnly(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is(FORM_TYPES)) return next(new DomainError('unsupported', 'errors.unsupported_media_type'));
  next();
}

/** The query string: valid UTF-8 and no control characters. */
function checkQuery(req: Request, _res: Response, next: NextFunction): void {
  const q = req.originalUrl.indexOf('?');
  if (q >= 0 && !isUtf8(decodedBytes(Buffer.from(req.originalUrl.slice(q + 1).replace(/\+/g, ' '), 'latin1')))) return next(invalidUtf8());
  next(checkFields(req.query) ?? undefined);
}

function checkBody(req: Request, _res: Response, next: NextFunction): void {
  next(req.is('multipart/form-data') ? undefined : (checkFields(req.body) ?? undefined));
}

/** The body handling of every route (the LTI endpoints with their own, smaller limits). */
export function formBodies(limit = FORM_LIMIT): RequestHandler[] {
  const urlencoded = express.urlencoded({
    extended: false,
    limit,
    parameterLimit: 1000,
    verify: (_req, _res, buf) => verifyForm(buf),
  });
  return [checkQuery, formsOnly, urlencoded, checkBody];
}
