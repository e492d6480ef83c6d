// The one test command: every suite, on a real PostgreSQL this script starts and on the embedded
// database, ending with one line "N passed, N failed" summed over every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltApi } from './built-api.mjs';
import { sdkTests } from './sdk-tests.mjs';
import { findPostgresBin, startPostgres } from './postgres.mjs';
import { buildChanged, ensureInstalled, isLibrary, pnpm, root } from './workspace.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const out = join(root, 'test-output');
rmSync(join(out, 'results'), { recursive: true, force: true });
mkdirSync(join(out, 'results'), { recursive: true });

const only = process.argv[2]; // optional: lint | unit | e2e-postgres | e2e-embedded | faults | dashboard | browser | sdk | start
const want = (name) => !only || only === name;

ensureInstalled();
// The browser stage drives the built product, so build it all first (libs, API, dashboard); the
// fault tests kill the built API, so they need at least that; every suite needs the libraries.
// Only what changed since its last build is built again.
if (want('browser') || want('start')) await buildChanged();
else if (want('faults') || want('sdk')) await buildChanged({ only: (p) => isLibrary(p) || p.name === '@keyhold/api' });
else await buildChanged({ only: isLibrary });
const totals = { passed: 0, failed: 0 };
const problems = [];

function runJest(label, project, env) {
  const file = join(out, 'results', `${label}.json`);
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(
    pnpm,
    [
      '--filter',
      '@keyhold/api',
      'exec',
      'jest',
      '--config',
      'jest.config.js',
      '--selectProjects',
      project,
      '--json',
      '--outputFile',
      file,
      '--runInBand',
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --no-warnings', ...env } },
  );
  count(label, file, res.status);
}

function count(label, file, status) {
  if (!existsSync(file)) {
    problems.push(`${label}: produced no results (exit ${status})`);
    totals.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  if (r.numFailedTestSuites > 0 || status !== 0) {
    problems.push(`${label}: ${r.numFailedTests} failed tests, ${r.numFailedTestSuites} failed suites (exit ${status})`);
    if (r.numFailedTests === 0) totals.failed += r.numFailedTestSuites || 1;
  }
  if (r.numTotalTests === 0) problems.push(`${label}: ran no test`);
}

// Lint and format first: a boundary broken or a file unformatted fails CI before the long suites run.
if (want('lint')) {
  console.log('\n=== lint ===');
  const res = spawnSync(pnpm, ['run', 'lint'], { stdio: 'inherit', cwd: root });
  if (res.status === 0) totals.passed += 1;
  else {
    problems.push(`lint: \`pnpm lint\` failed (exit ${res.status})`);
    totals.failed += 1;
  }
}

if (want('unit')) runJest('unit', 'unit', {});

// A real PostgreSQL server for the e2e suite and the browser tests.
let pgUrl = process.env.TEST_DATABASE_URL || null;
let pg = null;
if (!pgUrl && (want('e2e-postgres') || want('faults') || want('browser') || want('sdk'))) {
  pg = await startPostgres();
  if (pg) {
    pgUrl = pg.url;
    console.log(`\nStarted a throwaway PostgreSQL server from ${pg.bin} at ${pg.url}`);
  }
}

if (want('e2e-postgres')) {
  if (pgUrl) {
    runJest('e2e-postgres', 'e2e', { TEST_DATABASE_URL: pgUrl });
  } else if (ci) {
    problems.push('e2e-postgres: no PostgreSQL server binaries found; in CI a fallback to the embedded database is a failure');
    totals.failed += 1;
  } else {
    console.log('\n*** PostgreSQL is not installed: the e2e suite ran on the embedded database ONLY. ***');
    console.log('*** Install it (apt-get install postgresql) or set TEST_DATABASE_URL to run it on a real server. ***');
  }
}

if (want('e2e-embedded')) runJest('e2e-embedded', 'e2e', { TEST_DATABASE_URL: '' });

// Faults, once, on real PostgreSQL: the database stopped and started again under load (a server of
// the test's own, so the binaries are needed), and the built API killed with -9 mid-work (on
// TEST_DATABASE_URL and on the embedded database).
if (want('faults')) {
  if (pgUrl && findPostgresBin()) {
    runJest('faults', 'faults', { TEST_DATABASE_URL: pgUrl });
  } else if (ci) {
    problems.push('faults: no PostgreSQL server binaries found; the fault tests need them');
    totals.failed += 1;
  } else {
    console.log('\n*** PostgreSQL is not installed: the fault tests did NOT run (apt-get install postgresql). ***');
  }
}

if (want('dashboard') && existsSync(join(root, 'apps/dashboard/package.json'))) {
  const file = join(out, 'results', 'dashboard.json');
  console.log('\n=== dashboard ===');
  const res = spawnSync(
    pnpm,
    ['--filter', '@keyhold/dashboard', 'run', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    { stdio: 'inherit' },
  );
  count('dashboard', file, res.status);
}

if (want('browser')) await browserTests();
if (want('sdk')) {
  await sdkTests({ pgUrl, ci, out, totals, problems }).catch((e) => {
    problems.push(`sdk: ${e instanceof Error ? e.message : String(e)}`);
    totals.failed += 1;
  });
}
pg?.stop();
if (want('start')) startTests();

/** The README's start command, run as a user runs it, and its build planner (scripts/start.test.mjs). */
function startTests() {
  console.log('\n=== start (npm start) ===');
  const res = spawnSync(process.execPath, ['--test', '--test-reporter=tap', join(root, 'scripts/start.test.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  process.stdout.write(res.stdout ?? '');
  process.stderr.write(res.stderr ?? '');
  const passed = Number(/^# pass (\d+)$/m.exec(res.stdout ?? '')?.[1] ?? NaN);
  const failed = Number(/^# fail (\d+)$/m.exec(res.stdout ?? '')?.[1] ?? NaN);
  if (Number.isNaN(passed) || Number.isNaN(failed)) {
    problems.push(`start: no result from node --test (exit ${res.status})`);
    totals.failed += 1;
    return;
  }
  totals.passed += passed;
  totals.failed += failed;
  if (res.status !== 0 && failed === 0) {
    problems.push(`start: exit ${res.status}`);
    totals.failed += 1;
  }
}

/** Starts the built product on the test database (or a temporary embedded one) and drives it in Chromium. */
async function browserTests() {
  console.log('\n=== browser (Chromium) ===');
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    if (ci) {
      problems.push(`browser: no Chromium at ${chromium} (apt-get install chromium)`);
      totals.failed += 1;
    } else {
      console.log(`*** Chromium is not installed (${chromium}): the browser tests did NOT run. apt-get install chromium ***`);
    }
    return;
  }
  const api = await startBuiltApi({
    pgUrl,
    database: 'keyhold_browser',
    // The browser test's webhook receiver listens on loopback.
    env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_BASE_MS: '500' },
  });
  try {
    const base = api.url;
    const res = spawnSync(process.execPath, [join(root, 'apps/dashboard/e2e/smoke.browser.mjs')], {
      env: { ...process.env, BASE_URL: base, SCREENSHOT_DIR: join(out, 'screenshots') },
      encoding: 'utf8',
    });
    process.stdout.write(res.stdout ?? '');
    process.stderr.write(res.stderr ?? '');
    const last = (res.stdout ?? '').trim().split('\n').pop() ?? '';
    const m = /^(\d+) passed, (\d+) failed/.exec(last);
    if (!m) {
      problems.push(`browser: no result line (exit ${res.status})`);
      totals.failed += 1;
      return;
    }
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
    if (res.status !== 0 && Number(m[2]) === 0) {
      problems.push(`browser: exit ${res.status}`);
      totals.failed += 1;
    }
  } finally {
    await api.stop();
  }
}

if (problems.length) console.log(`\nProblems:\n- ${problems.join('\n- ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
