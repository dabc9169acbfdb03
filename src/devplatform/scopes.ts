/**
 * OAuth2 scopes of LTI Advantage services (AGS 2.0 §3.1, NRPS 2.0 §3), written out again on the
 * platform's side on purpose: the development platform imports no product code, so a scope the
 * tool spells wrong is refused here as a real LMS would refuse it, instead of passing on both
 * sides. `test/devplatform/token.test.ts` checks the tool's own list against this one.
 */
export const SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** Every scope the platform knows: the default grant of a registered tool. */
export const ALL_SCOPES: string[] = Object.values(SCOPES);

/** The AGS scopes among a list (those go into the launch's AGS endpoint claim). */
export function agsScopes(scopes: string[]): string[] {
  return scopes.filter((s) => s.startsWith('https://purl.imsglobal.org/spec/lti-ags/scope/'));
}
