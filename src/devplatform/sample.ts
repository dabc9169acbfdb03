/**
 * The sample professional-development course used by the demo and the tests.
 */
import { ROLES } from './roles';
import type { DevCourse, DevUser } from './types';

function person(id: string, givenName: string, familyName: string, locale: string, roles: string[]): DevUser {
  const slug = `${givenName}.${familyName}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return { id, givenName, familyName, name: `${givenName} ${familyName}`, email: `${slug}@example.org`, locale, roles };
}

/**
 * "Communauté de pratique — Enseignement", id 'course-1'. User ids are readable on
 * purpose (tests launch as 'instructor', 'learner1'…): instructor Marie Tremblay, teaching
 * assistant Jean Gagnon, learners Alex Smith, Sophie Roy and Nadia Côté, mentor Chris Lee.
 * Returns a fresh copy each time, so tests may mutate it.
 */
export function sampleCourse(): DevCourse {
  return {
    id: 'course-1',
    title: 'Communauté de pratique — Enseignement / PD course',
    label: 'CoP-ENS-101',
    members: [
      person('instructor', 'Marie', 'Tremblay', 'fr-CA', [ROLES.instructor]),
      person('ta', 'Jean', 'Gagnon', 'fr-CA', [ROLES.teachingAssistant]),
      person('learner1', 'Alex', 'Smith', 'en', [ROLES.learner]),
      person('learner2', 'Sophie', 'Roy', 'fr-CA', [ROLES.learner]),
      person('learner3', 'Nadia', 'Côté', 'fr-CA', [ROLES.learner]),
      person('mentor', 'Chris', 'Lee', 'en', [ROLES.mentor]),
    ],
  };
}
