import { SCOPES } from '../lti/scopes';

/** OAuth2 scopes of LTI Advantage services: the spec's constants, one list for tool and platform. */
export { SCOPES };

/** Every scope the platform knows: the default grant of a registered tool. */
export const ALL_SCOPES: string[] = Object.values(SCOPES);

/** The AGS scopes among a list (those go into the launch's AGS endpoint claim). */
export function agsScopes(scopes: string[]): string[] {
  return scopes.filter((s) => s.startsWith('https://purl.imsglobal.org/spec/lti-ags/scope/'));
}
