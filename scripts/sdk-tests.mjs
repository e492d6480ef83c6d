// The `sdk` stage of the test command: the Python and C++ SDKs' suites and example programs,
// against a live Keyhold on PostgreSQL (scripts/sdk-harness.mjs), each on a fixture of its own.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSdkHarness } from './sdk-harness.mjs';
import { root } from './workspace.mjs';

const PYTHON_DIR = join(root, 'libs/sdk-python');
const CPP_DIR = join(root, 'libs/sdk-cpp');

/**
 * A child process, its output shown as it comes and kept. Never spawnSync here: the harness's
 * man-in-the-middle servers run in this process and must keep answering meanwhile.
 */
function runAsync(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
      if (!options.quiet) process.stdout.write(c);
    });
    child.stderr.on('data', (c) => {
      stderr += c;
      if (!options.quiet) process.stderr.write(c);
    });
    child.on('error', (e) => resolve({ status: -1, stdout, stderr: `${stderr}${e.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A Python with `cryptography` (Debian's python3-cryptography in CI), or null. */
function findPython() {
  const candidates = [process.env.SDK_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  return candidates.find((py) => spawnSync(py, ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0) ?? null;
}

const hasCppToolchain = () =>
  ['cmake', 'g++'].every((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0) &&
  ['/usr/include/sodium.h', '/usr/include/nlohmann/json.hpp', '/usr/include/gtest/gtest.h'].every((f) => existsSync(f));

/** The example program's run against a fixture: the lines it must print, and its download on disk. */
async function checkExample(label, command, args, fixture, dir, env = process.env) {
  const file = fixture.files.allowed;
  const out = join(dir, `${label}-download.bin`);
  const common = [
    '--url',
    fixture.baseUrl,
    '--api-key',
    fixture.app.apiKey,
    '--app-id',
    fixture.app.id,
    '--jwks',
    join(dir, `${label}-jwks.json`),
  ];
  writeFileSync(join(dir, `${label}-jwks.json`), JSON.stringify(fixture.app.jwks));
  const failures = [];
  const ok = await runAsync(
    command,
    [...args, ...common, '--username', fixture.users.spare, '--password', fixture.password, '--file', file.id, '--out', out],
    {
      env,
      quiet: true,
    },
  );
  const expected = [
    `logged in as ${fixture.users.spare}`,
    `subscription: ${fixture.subscription}`,
    'expires: never',
    `downloaded: ${out} (${file.size} bytes, sha256 ${file.sha256})`,
  ];
  if (ok.status !== 0 || ok.stdout.trim() !== expected.join('\n'))
    failures.push(`${label} example: printed ${JSON.stringify(ok.stdout + ok.stderr)}, expected ${JSON.stringify(expected.join('\n'))}`);
  else if (!existsSync(out) || createHash('sha256').update(readFileSync(out)).digest('hex') !== file.sha256)
    failures.push(`${label} example: the downloaded file is not the uploaded one`);
  const refused = await runAsync(command, [...args, ...common, '--username', fixture.users.spare, '--password', 'wrong'], {
    env,
    quiet: true,
  });
  if (refused.status !== 1 || refused.stderr.trim() !== 'error: INVALID_CREDENTIALS (401): Username or password is incorrect')
    failures.push(`${label} example: a wrong password gave exit ${refused.status} and ${JSON.stringify(refused.stderr)}`);
  // One app id for both SDKs (their fixtures' apps differ), so that their ids can be compared.
  const hwid = await runAsync(
    command,
    [...args, '--url', fixture.baseUrl, '--api-key', 'ak_x', '--app-id', 'app_hwid_check', '--hwid-only'],
    { env, quiet: true },
  );
  return { failures, hwid: hwid.status === 0 ? hwid.stdout.trim() : null, checks: 2 };
}

/** Counts of a unittest run ("Ran N tests" and the OK / FAILED line on stderr). */
function unittestCounts(stderr) {
  const ran = /Ran (\d+) tests?/.exec(stderr);
  if (!ran) return null;
  const n = (name) => Number(new RegExp(`${name}=(\\d+)`).exec(stderr)?.[1] ?? 0);
  const failed = n('failures') + n('errors');
  return { passed: Number(ran[1]) - failed - n('skipped'), failed };
}

/** Counts of a ctest run from its JUnit report. */
function junitCounts(file) {
  if (!existsSync(file)) return null;
  const suite = /<testsuite\b[^>]*>/.exec(readFileSync(file, 'utf8'))?.[0] ?? '';
  const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = attr('failures') + attr('errors');
  return { passed: attr('tests') - failed - attr('skipped') - attr('disabled'), failed };
}

export async function sdkTests({ pgUrl, ci, out, totals, problems }) {
  console.log('\n=== sdk (Python, C++) ===');
  const python = findPython();
  const cpp = hasCppToolchain();
  const missing = (what, install) => {
    if (ci) {
      problems.push(`sdk: ${what} missing (${install})`);
      totals.failed += 1;
    } else console.log(`*** ${what} missing: its SDK tests did NOT run (${install}) ***`);
  };
  if (!python) missing('Python with cryptography', 'apt-get install python3-cryptography');
  if (!cpp)
    missing(
      'the C++ toolchain and libraries',
      'apt-get install cmake g++ libcurl4-openssl-dev libsodium-dev nlohmann-json3-dev libgtest-dev',
    );
  if (!pgUrl && ci) {
    problems.push('sdk: no PostgreSQL server for the live SDK tests');
    totals.failed += 1;
    return;
  }
  if (!python && !cpp) return;

  const harness = await startSdkHarness({ pgUrl });
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-sdk-'));
  const add = (label, counts, status) => {
    if (!counts) {
      problems.push(`${label}: produced no results (exit ${status})`);
      totals.failed += 1;
      return;
    }
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    if (counts.passed + counts.failed === 0) problems.push(`${label}: ran no test`);
    else if (status !== 0 && counts.failed === 0) {
      problems.push(`${label}: exit ${status}`);
      totals.failed += 1;
    }
  };
  const example = (label, result) => {
    totals.passed += result.checks - result.failures.length;
    totals.failed += result.failures.length;
    problems.push(...result.failures);
  };
  const hwids = {};
  try {
    if (python) {
      console.log(`\n--- sdk-python (${python}) ---`);
      const fixture = await harness.seed('python');
      const env = {
        ...process.env,
        PYTHONPATH: join(PYTHON_DIR, 'src'),
        KEYHOLD_FIXTURE: fixture,
        KEYHOLD_REQUIRE_LIVE: '1',
        PYTHONDONTWRITEBYTECODE: '1',
      };
      const res = await runAsync(python, ['-m', 'unittest', 'discover', '-v', '-s', 'tests', '-t', '.'], { cwd: PYTHON_DIR, env });
      add('sdk-python', unittestCounts(res.stderr), res.status);
      const ran = await checkExample(
        'python',
        python,
        [join(PYTHON_DIR, 'examples/keyhold_example.py')],
        JSON.parse(readFileSync(fixture, 'utf8')),
        dir,
        env,
      );
      example('python', ran);
      hwids.python = ran.hwid;
      // Lint: pyflakes (Debian's python3-pyflakes) finds unused names and undefined ones.
      const flakes = await runAsync(python, ['-m', 'pyflakes', 'src', 'tests', 'examples'], { cwd: PYTHON_DIR });
      if (flakes.status === 0) totals.passed += 1;
      else {
        problems.push('sdk-python: pyflakes found problems');
        totals.failed += 1;
      }
      // Installable as the README says: a wheel built from the folder, installed, imported.
      const wheel = await runAsync(
        python,
        ['-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', join(dir, 'wheel'), PYTHON_DIR],
        { quiet: true },
      );
      const target = join(dir, 'site');
      const installed =
        wheel.status === 0 &&
        (
          await runAsync(
            python,
            ['-m', 'pip', 'install', '-q', '--no-deps', '--no-index', '--find-links', join(dir, 'wheel'), '--target', target, 'keyhold'],
            { quiet: true },
          )
        ).status === 0 &&
        (
          await runAsync(
            python,
            ['-c', 'import keyhold, sys; assert keyhold.__file__.startswith(sys.argv[1]); print(keyhold.__version__)', target],
            {
              env: { ...process.env, PYTHONPATH: target },
              quiet: true,
            },
          )
        ).status === 0;
      if (installed) totals.passed += 1;
      else {
        problems.push(`sdk-python: the wheel did not build or install: ${wheel.stderr.trim().split('\n').slice(-3).join(' ')}`);
        totals.failed += 1;
      }
    }
    if (cpp) {
      console.log('\n--- sdk-cpp ---');
      const build = join(out, 'sdk-cpp-build');
      mkdirSync(build, { recursive: true });
      const configure = await runAsync('cmake', [
        '-S',
        CPP_DIR,
        '-B',
        build,
        '-DCMAKE_BUILD_TYPE=Release',
        '-DKEYHOLD_BUILD_TESTS=ON',
        '-DKEYHOLD_BUILD_EXAMPLES=ON',
      ]);
      const compiled = configure.status === 0 && (await runAsync('cmake', ['--build', build, '-j2'])).status === 0;
      if (!compiled) {
        problems.push('sdk-cpp: the library or its tests did not build');
        totals.failed += 1;
      } else {
        const fixture = await harness.seed('cpp');
        const junit = join(out, 'results', 'sdk-cpp.xml');
        const env = { ...process.env, KEYHOLD_FIXTURE: fixture, KEYHOLD_REQUIRE_LIVE: '1' };
        const res = await runAsync('ctest', ['--test-dir', build, '--output-on-failure', '--output-junit', junit], { env });
        add('sdk-cpp', junitCounts(junit), res.status);
        const ran = await checkExample('cpp', join(build, 'keyhold-example'), [], JSON.parse(readFileSync(fixture, 'utf8')), dir);
        example('cpp', ran);
        hwids.cpp = ran.hwid;
      }
    }
    if (python && cpp) {
      // One machine, one app: both SDKs' hardware id helpers give the same id (one formula).
      if (hwids.python && /^[0-9a-f]{64}$/.test(hwids.python) && hwids.python === hwids.cpp) totals.passed += 1;
      else {
        problems.push(`sdk: the hardware ids differ (python ${hwids.python}, cpp ${hwids.cpp})`);
        totals.failed += 1;
      }
    }
  } finally {
    await harness.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
