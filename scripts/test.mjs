// The one test command: every suite, on a real PostgreSQL this script starts and on the embedded
// database, ending with one line "N passed, N failed" summed over every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from './postgres.mjs';
import { ensureInstalled, pnpm, root } from './workspace.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const out = join(root, 'test-output');
rmSync(join(out, 'results'), { recursive: true, force: true });
mkdirSync(join(out, 'results'), { recursive: true });

ensureInstalled();
const totals = { passed: 0, failed: 0 };
const problems = [];

function runJest(label, project, env) {
  const file = join(out, 'results', `${label}.json`);
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(
    pnpm, ['--filter', '@keyhold/api', 'exec', 'jest', '--config', 'jest.config.js', '--selectProjects', project,
      '--json', '--outputFile', file, '--runInBand'],
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

const only = process.argv[2]; // optional: unit | e2e-postgres | e2e-embedded | dashboard
const want = (name) => !only || only === name;

if (want('unit')) runJest('unit', 'unit', {});

if (want('e2e-postgres')) {
  let pg = null;
  if (process.env.TEST_DATABASE_URL) {
    console.log(`\nUsing TEST_DATABASE_URL for the e2e suite on PostgreSQL`);
    runJest('e2e-postgres', 'e2e', { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL });
  } else if ((pg = await startPostgres())) {
    console.log(`\nStarted a throwaway PostgreSQL server from ${pg.bin} at ${pg.url}`);
    runJest('e2e-postgres', 'e2e', { TEST_DATABASE_URL: pg.url });
    pg.stop();
  } else if (ci) {
    problems.push('e2e-postgres: no PostgreSQL server binaries found; in CI a fallback to the embedded database is a failure');
    totals.failed += 1;
  } else {
    console.log('\n*** PostgreSQL is not installed: the e2e suite ran on the embedded database ONLY. ***');
    console.log('*** Install it (apt-get install postgresql) or set TEST_DATABASE_URL to run it on a real server. ***');
  }
}

if (want('e2e-embedded')) runJest('e2e-embedded', 'e2e', { TEST_DATABASE_URL: '' });

if (want('dashboard') && existsSync(join(root, 'apps/dashboard/package.json'))) {
  const file = join(out, 'results', 'dashboard.json');
  console.log('\n=== dashboard ===');
  const res = spawnSync(pnpm, ['--filter', '@keyhold/dashboard', 'run', 'test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { stdio: 'inherit' });
  count('dashboard', file, res.status);
}

if (problems.length) console.log(`\nProblems:\n- ${problems.join('\n- ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
