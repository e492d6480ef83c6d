import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../utils/test-app';

/** What every answer says to a browser, and what the dashboard's pages allow. */
describe('security headers', () => {
  let dashboard: string;
  let t: TestApp;
  beforeAll(async () => {
    // A dashboard build of our own, with a source map beside its script.
    dashboard = mkdtempSync(join(tmpdir(), 'keyhold-dashboard-'));
    mkdirSync(join(dashboard, 'assets'));
    writeFileSync(join(dashboard, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(dashboard, 'assets', 'app.js'), 'console.log(1);\n//# sourceMappingURL=app.js.map');
    writeFileSync(join(dashboard, 'assets', 'app.js.map'), '{"version":3,"sources":["secret-source.ts"]}');
    t = await createTestApp({ DASHBOARD_DIR: dashboard, TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dashboard, { recursive: true, force: true });
  });

  it('every answer: nosniff, no referrer, no framing', async () => {
    for (const res of [await t.http.get('/health'), await t.http.get('/v1/admin/apps'), await t.http.get('/').set('accept', 'text/html')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it("the dashboard's pages carry a CSP that forbids framing and foreign scripts; the API's answers none", async () => {
    for (const path of ['/', '/apps/app_x/licenses', '/assets/app.js']) {
      const csp = (await t.http.get(path).set('accept', 'text/html')).headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    }
    expect((await t.http.get('/v1/admin/apps')).headers['content-security-policy']).toBeUndefined();
  });

  it('source maps are not served', async () => {
    expect((await t.http.get('/assets/app.js')).status).toBe(200);
    const map = await t.http.get('/assets/app.js.map');
    expect(map.status).toBe(404);
    expect(map.text ?? '').not.toContain('secret-source');
  });

  it('HSTS only over HTTPS, as the trusted proxy reports it', async () => {
    expect((await t.http.get('/health')).headers['strict-transport-security']).toBeUndefined();
    const secure = await t.http.get('/health').set('x-forwarded-proto', 'https');
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
