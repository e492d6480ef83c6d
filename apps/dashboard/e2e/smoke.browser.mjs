#!/usr/bin/env node
/**
 * Smoke test of the built dashboard in real Chromium, against a running API that serves it.
 *
 *   BASE_URL=http://localhost:3000 node apps/dashboard/e2e/smoke.browser.mjs
 *
 * Signs a new seller up through the UI, creates an app, finds it in the list, reloads (still
 * signed in), checks the narrow layout, signs out and in again, and checks that an expired
 * token sends the seller back to sign-in. Screenshots go to test-output/screenshots/. The last
 * line printed is `N passed, N failed`; the exit code is non-zero on any failure.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', '..', '..', 'test-output', 'screenshots'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT = Number(process.env.STEP_TIMEOUT_MS ?? 15_000);

const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const seller = { name: `Smoke Seller ${stamp.slice(-6)}`, email: `smoke-${stamp}@example.com`, password: 'correct horse battery' };
const appName = `Smoke App ${stamp.slice(-6)}`;

const results = [];
let broken = false; // after a failure, later steps cannot be trusted: they are reported as failed
const pageErrors = [];

async function step(name, fn) {
  if (broken) {
    results.push({ name, ok: false, error: 'skipped after an earlier failure' });
    console.log(`  SKIP  ${name}`);
    return;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  PASS  ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    broken = true;
    results.push({ name, ok: false, error });
    console.log(`  FAIL  ${name}\n        ${String(error?.message ?? error).split('\n').join('\n        ')}`);
    await shot(`failure-${results.length}`).catch(() => {});
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

let page;
async function shot(name) {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function expectPath(pathname) {
  await page.waitForURL((url) => url.pathname === pathname, { timeout: TIMEOUT });
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  for (const old of readdirSync(SHOTS)) if (/^failure-\d+\.png$/.test(old)) rmSync(join(SHOTS, old));
  console.log(`Dashboard smoke test against ${BASE_URL} (screenshots in ${SHOTS})`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL }).catch(() => {});
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    let apiKey;

    await step('the API serves the dashboard and sends a visitor to sign in', async () => {
      const response = await page.goto(`${BASE_URL}/`);
      assert(response?.ok(), `GET / answered ${response?.status()}`);
      await expectPath('/sign-in');
      await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
      await shot('01-sign-in');
    });

    await step('the sign-in form checks its fields before sending', async () => {
      let sent = false;
      const onRequest = (request) => {
        if (request.url().includes('/v1/auth/login')) sent = true;
      };
      page.on('request', onRequest);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Email is required').waitFor();
      await page.getByText('Password is required').waitFor();
      await page.getByLabel('Email', { exact: true }).fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter a valid email address').waitFor();
      await page.getByText('Password must be at least 8 characters').waitFor();
      page.off('request', onRequest);
      assert(!sent, 'an invalid form was sent to /v1/auth/login');
      await shot('02-sign-in-validation');
    });

    await step('a new seller signs up through the UI', async () => {
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expectPath('/sign-up');
      await page.getByLabel('Name', { exact: true }).fill(seller.name);
      await page.getByLabel('Email', { exact: true }).fill(seller.email);
      await page.getByLabel('Password', { exact: true }).fill(seller.password);
      await shot('03-sign-up-filled');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectPath('/apps');
      await page.getByTestId('current-seller').getByText(seller.name).waitFor();
      await page.getByText('No applications yet').waitFor();
      await shot('04-apps-empty');
    });

    await step('the seller creates an app and sees the secret once', async () => {
      await page.getByRole('button', { name: 'New app' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name', { exact: true }).fill(appName);
      await dialog.getByLabel('Version', { exact: true }).fill('1.2.3');
      await shot('05-create-app-form');
      await dialog.getByRole('button', { name: 'Create app' }).click();
      const secretInput = dialog.getByLabel('API secret', { exact: true });
      await secretInput.waitFor();
      const secret = await secretInput.inputValue();
      apiKey = await dialog.getByLabel('API key', { exact: true }).inputValue();
      assert(/^as_/.test(secret), `unexpected API secret "${secret}"`);
      assert(/^ak_/.test(apiKey), `unexpected API key "${apiKey}"`);
      await dialog.getByText(/will not be shown again/i).waitFor();
      await dialog.getByRole('button', { name: 'Copy API secret' }).waitFor();
      await shot('06-create-app-secret');
      await dialog.getByRole('button', { name: 'I have saved the secret' }).click();
      await dialog.waitFor({ state: 'detached' });
      const html = await page.content();
      assert(!html.includes(secret), 'the secret is still on the page after the modal closed');
    });

    await step('the new app is in the list with its API key', async () => {
      const row = page.getByTestId('app-row').filter({ hasText: appName });
      await row.waitFor();
      await row.getByText('Active').waitFor();
      await row.getByText('1.2.3').waitFor();
      await row.getByText(apiKey).waitFor();
      await row.getByRole('button', { name: 'Copy API key' }).waitFor();
      await shot('07-apps-list');
    });

    await step('the session survives a reload', async () => {
      await page.reload();
      await expectPath('/apps');
      await page.getByTestId('current-seller').getByText(seller.name).waitFor();
      await page.getByTestId('app-row').filter({ hasText: appName }).waitFor();
      await shot('08-after-reload');
    });

    await step('the layout holds at a phone width, with a burger menu', async () => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.reload(); // start clean at this width rather than mid-transition
      await page.getByTestId('app-row').filter({ hasText: appName }).waitFor();
      const burger = page.getByRole('button', { name: 'Toggle navigation' });
      await burger.waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375px`);
      await shot('09-mobile');
      await burger.click();
      const navLink = page.getByRole('link', { name: 'Applications' });
      await navLink.waitFor({ state: 'visible' });
      await page.waitForTimeout(400); // let the navbar finish sliding in
      const box = await navLink.boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= 375, 'the opened navbar is not fully on screen');
      await shot('10-mobile-navbar');
      await navLink.click();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(400);
    });

    await step('sign out, then sign in again with the same account', async () => {
      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await expectPath('/sign-in');
      await page.reload();
      await expectPath('/sign-in');
      await page.getByLabel('Email', { exact: true }).fill(seller.email);
      await page.getByLabel('Password', { exact: true }).fill(seller.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectPath('/apps');
      await page.getByTestId('app-row').filter({ hasText: appName }).waitFor();
    });

    await step('a wrong password shows the API message', async () => {
      const other = await page.context().browser().newContext({ viewport: { width: 1280, height: 800 } });
      const p = await other.newPage();
      try {
        await p.goto(`${BASE_URL}/sign-in`);
        await p.getByLabel('Email', { exact: true }).fill(seller.email);
        await p.getByLabel('Password', { exact: true }).fill('not the password');
        await p.getByRole('button', { name: 'Sign in' }).click();
        await p.getByRole('alert').filter({ hasText: 'Could not sign in' }).waitFor({ timeout: TIMEOUT });
        await p.screenshot({ path: join(SHOTS, '11-sign-in-refused.png'), fullPage: true });
      } finally {
        await other.close();
      }
    });

    await step('an expired token sends the seller back to sign in', async () => {
      await page.evaluate(() => {
        const session = JSON.parse(localStorage.getItem('keyhold.session'));
        localStorage.setItem('keyhold.session', JSON.stringify({ ...session, token: 'expired.token.value' }));
      });
      await page.reload();
      await expectPath('/sign-in');
      await page.getByText('Your session has expired, please sign in again').waitFor();
      const stored = await page.evaluate(() => localStorage.getItem('keyhold.session'));
      assert(stored === null, 'the rejected session is still stored');
      await shot('12-session-expired');
    });

    await step('no uncaught errors in the page', async () => {
      assert(pageErrors.length === 0, `page errors:\n${pageErrors.join('\n')}`);
    });
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  results.push({ name: 'browser start-up', ok: false, error });
  console.log(`  FAIL  browser start-up: ${error?.message ?? error}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
