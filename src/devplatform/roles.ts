/**
 * LTI role vocabularies (LTI 1.3 core, appendix A.2) and the per-LMS ways of writing them.
 */
import type { DevUser, Flavour } from './types';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person';

/** Full role URIs used by the sample course and the tests. */
export const ROLES = {
  learner: `${MEMBERSHIP}#Learner`,
  instructor: `${MEMBERSHIP}#Instructor`,
  /** A context sub-role (LTI 1.3 A.2.3.1): it implies Instructor. */
  teachingAssistant: `${MEMBERSHIP}/Instructor#TeachingAssistant`,
  mentor: `${MEMBERSHIP}#Mentor`,
  contentDeveloper: `${MEMBERSHIP}#ContentDeveloper`,
  administrator: `${MEMBERSHIP}#Administrator`,
  institutionStudent: `${INSTITUTION}#Student`,
  institutionInstructor: `${INSTITUTION}#Instructor`,
  institutionAdministrator: `${INSTITUTION}#Administrator`,
  systemUser: `${SYSTEM}#User`,
} as const;

/**
 * Short name of a context role ("Learner", "TeachingAssistant"…), or the role unchanged
 * when it is not a membership role. Moodle's NRPS answers with these short names even
 * though its launches carry full URIs (LTIJS-NOTES.md).
 */
export function shortRole(role: string): string {
  if (!role.startsWith(MEMBERSHIP)) return role;
  const hash = role.lastIndexOf('#');
  return hash >= 0 ? role.slice(hash + 1) : role;
}

/** Roles as the flavour's NRPS writes them. */
export function nrpsRoles(user: DevUser, flavour: Flavour): string[] {
  return flavour === 'moodle' ? user.roles.map(shortRole) : [...user.roles];
}

/** True when a role is Instructor or one of its sub-roles (TeachingAssistant…). */
export function isInstructorRole(role: string): boolean {
  return role === ROLES.instructor || role.startsWith(`${MEMBERSHIP}/Instructor#`) || role === 'Instructor';
}

/** True for a user the gradebook refuses to grade (a teacher): Moodle 400, Canvas 422. */
export function isTeacher(user: DevUser): boolean {
  return user.roles.some(isInstructorRole);
}

/**
 * Roles carried by a launch. Canvas adds institution and system roles to the context
 * roles (derived from the context role when the user has none set); Moodle adds only the
 * institution roles given explicitly (a site administrator).
 */
export function launchRoles(user: DevUser, flavour: Flavour): string[] {
  const extra = user.institutionRoles ?? (flavour === 'canvas' ? defaultInstitutionRoles(user) : []);
  return [...new Set([...user.roles, ...extra])];
}

function defaultInstitutionRoles(user: DevUser): string[] {
  const inst = isTeacher(user) ? ROLES.institutionInstructor : ROLES.institutionStudent;
  return [inst, ROLES.systemUser];
}
