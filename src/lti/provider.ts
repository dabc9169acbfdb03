import ltijs from 'ltijs';

/** ltijs is a process-wide singleton (LTIJS-NOTES.md): only src/lti and the LMS clients touch it. */
export const lti = ltijs.Provider;

let deployed = false;
export function markDeployed(): void {
  deployed = true;
}
export function isDeployed(): boolean {
  return deployed;
}
