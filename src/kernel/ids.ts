import { DomainError } from './errors';

/** A positive integer id from an address, or not found (ids in URLs are never trusted). */
export function idParam(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new DomainError('not_found', 'errors.not_found');
  return n;
}
