process.env.UV_THREADPOOL_SIZE ??= '16'; // see src/server.ts
import { ZodError } from 'zod';
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { createSequelize } from './db';
import { platformCommand } from './cli/platform';
import { migrateCommand } from './cli/migrate';
import { rosterCommand } from './cli/roster';
import { gradesCommand } from './cli/grades';
import { seedCommand, SEED_USAGE } from './cli/seed';
import { UsageError } from './cli/usage';
import { backupCommand, restoreCommand, BACKUP_USAGE } from './cli/backup';
import { privacyCommand, PRIVACY_USAGE } from './cli/privacy';
import { lti } from './lti/provider';

const HELP = `CoPeR command line — npm run cli -- <command>

  platform add --issuer URL --client-id ID --auth-url URL --token-url URL --jwks-url URL [--deployment ID]… [--name NAME]
  platform list
  platform remove --issuer URL --client-id ID
  migrate [up | down [--all] | status]
  ${BACKUP_USAGE}
  roster sync [--community ID] [--full]   read course rosters from the LMS (NRPS) now; exit 1 if one fails
  grades push [--community ID] [--wait S] send participation (and PD-hours) scores to the LMS gradebooks now; exit 1 if one fails
  ${SEED_USAGE}
                                          fill the database with a realistic, deterministic community (same --seed, same data)
  ${PRIVACY_USAGE}
`;

/** Run one CLI command; returns the exit code. Exported for tests. */
export async function runCli(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const [command, ...args] = argv;
  try {
    const config = loadConfig();
    if (!command || command === 'help' || command === '--help') {
      out(HELP);
      return command ? 0 : 2;
    }
    if (command === 'backup') return await backupCommand(config.DATABASE_URL, args, out);
    if (command === 'restore') return await restoreCommand(config.DATABASE_URL, args, out);
    if (command === 'migrate') {
      const sequelize = createSequelize(config.DATABASE_URL);
      try {
        await migrateCommand(sequelize, args, out);
      } finally {
        await sequelize.close();
      }
      return 0;
    }
    const rt = await bootstrap({ ...config, LOG_LEVEL: 'warn' });
    try {
      if (command === 'platform') await platformCommand(rt, args, out);
      else if (command === 'roster') return await rosterCommand(rt, args, out);
      else if (command === 'grades') return await gradesCommand(rt, args, out);
      else if (command === 'seed') await seedCommand(rt, args, out);
      else if (command === 'privacy') return await privacyCommand(rt, args, out);
      else throw new UsageError(`Unknown command: ${command}\n\n${HELP}`);
    } finally {
      await lti.close({ silent: true }).catch(() => undefined);
      await rt.sequelize.close();
    }
    return 0;
  } catch (err) {
    if (err instanceof ZodError) {
      process.stderr.write(err.issues.map((i) => `--${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('\n') + '\n');
      return 2;
    }
    if (err instanceof UsageError || err instanceof ConfigError || (err as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
