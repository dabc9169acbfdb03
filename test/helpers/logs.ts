import { setLogLevel } from '../../src/log';

type Stream = { write: (s: string) => boolean };

/** Run `fn` with the log level at `level`, and return every JSON log line written meanwhile, parsed. */
export async function captureLogs(fn: () => Promise<unknown>, level: 'debug' | 'info' | 'warn' = 'info'): Promise<Record<string, unknown>[]> {
  const raw: string[] = [];
  const streams = [process.stdout, process.stderr] as unknown as Stream[];
  const originals = streams.map((s) => s.write);
  streams.forEach((s) => (s.write = (chunk: string) => (raw.push(String(chunk)), true)));
  setLogLevel(level);
  try {
    await fn();
  } finally {
    streams.forEach((s, i) => (s.write = originals[i]));
    setLogLevel((process.env.LOG_LEVEL as 'error') ?? 'error');
  }
  return raw.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}
