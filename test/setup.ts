// Loaded by mocha before any test (.mocharc.json): the test environment, set once.
process.env.UV_THREADPOOL_SIZE ??= '16'; // as src/server.ts
import os from 'node:os';
import path from 'node:path';

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL || `sqlite:${path.join(os.tmpdir(), `coper-test-${process.pid}.sqlite`)}`;
process.env.EMBEDDED_WORKER = 'false';
process.env.METRICS_TOKEN = 'test-metrics-token-0123456789';
// A whole class launches and posts within seconds in the suite: limits out of reach (test/ops/rate-limit.test.ts sets low ones).
process.env.RATE_LIMIT_LAUNCH_PER_MINUTE = '1000000';
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = '1000000';
process.env.RATE_LIMIT_WRITE_PER_MINUTE = '1000000';
process.env.LTI_JWKS_COOLDOWN_SECONDS = '1';
process.env.ROSTER_SYNC_ON_LAUNCH = process.env.ROSTER_SYNC_ON_LAUNCH ?? 'false'; // tests that need it turn it on
// Video clips: a 2 MB limit, so that a clip over it is a few MB (test/video/).
process.env.VIDEO_MAX_MB = '2';
