import type { Sequelize } from 'sequelize';
import type { Config } from '../config';

/** What a background job may use: the configuration and the database (the worker passes its runtime). */
export interface JobContext {
  config: Config;
  sequelize: Sequelize;
}

/**
 * One background job. Features declare theirs next to their code; the worker (`src/worker/runner.ts`)
 * runs the list the composition root gives it.
 */
export interface Job<C extends JobContext = JobContext> {
  name: string;
  everyMs: number;
  /** `signal` aborts when the worker stops: a job that loops should finish its current item and return. */
  run: (context: C, signal?: AbortSignal) => Promise<unknown>;
}
