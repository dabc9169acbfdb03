import type { Actor } from '../kernel/actor';

/** The welcome page: everyone reads it; observers only read (no introduction, no follow). */
export const onboardingPolicy = {
  write: (a: Pick<Actor, 'role'>) => a.role !== 'observer',
};
