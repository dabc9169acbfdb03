/**
 * Why a command refuses, in the domain's words. Commands and policies throw a `DomainError`;
 * the one error handler (`web/errors.ts`) maps its refusal to an HTTP status and renders the
 * message from the catalogs, so the domain knows no HTTP.
 */
export type Refusal =
  | 'invalid' // the input breaks a rule (400)
  | 'unauthenticated' // no live session (401)
  | 'forbidden' // the actor may not (403)
  | 'not_found' // no such thing in this community, or hidden from the actor (404)
  | 'conflict' // the thing's state forbids it now (409)
  | 'too_large' // a file or body over its limit (413)
  | 'unsupported' // a format the tool does not take (415)
  | 'too_many'; // a rate limit (429)

export class DomainError extends Error {
  constructor(
    public readonly refusal: Refusal,
    public readonly messageKey: string,
    public readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey);
  }
}

export const notFound = () => new DomainError('not_found', 'errors.not_found');
export const forbidden = () => new DomainError('forbidden', 'errors.forbidden');
export const invalid = (messageKey = 'errors.invalid_input', params: Record<string, unknown> = {}) => new DomainError('invalid', messageKey, params);
export const conflict = (messageKey: string, params: Record<string, unknown> = {}) => new DomainError('conflict', messageKey, params);
