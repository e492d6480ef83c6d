import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../utils/test-app';

describe('health, docs and the error envelope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health checks the database and says the version, the kind of database and the uptime', async () => {
    const res = await t.http.get('/health').expect(200);
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      databaseKind: process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded',
      version,
      uptimeSeconds: expect.any(Number) as number,
    });
    const { uptimeSeconds } = res.body as { uptimeSeconds: number };
    expect(Number.isInteger(uptimeSeconds) && uptimeSeconds >= 0 && uptimeSeconds < 600).toBe(true);
  });

  it('serves the OpenAPI spec with every module documented', async () => {
    const res = await t.http.get('/docs/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/auth/register', '/v1/admin/apps', '/v1/admin/apps/{id}']));
    const html = await t.http.get('/docs').redirects(1).expect(200);
    expect(html.text).toContain('swagger');
  });

  it('unknown route: 404 NOT_FOUND in the envelope', async () => {
    const res = await t.http.get('/v1/does-not-exist').expect(404);
    expect(res.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Route GET /v1/does-not-exist does not exist' } });
  });

  it('malformed JSON: 400 BAD_REQUEST, not an HTML page', async () => {
    const res = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('{"email": ').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('oversized body: 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http
      .post('/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.body).toEqual({ success: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' } });
  });

  it('validation failure names each field', async () => {
    const res = await t.http.post('/v1/auth/register').send({ email: 'not-an-email', password: 3, name: '' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'name']));
  });

  it('unknown fields are rejected on seller routes', async () => {
    const res = await t.http
      .post('/v1/auth/register')
      .send({ email: 'x@example.com', password: 'long enough', name: 'X', admin: true })
      .expect(400);
    expect(res.body.error.details).toEqual([{ field: 'admin', reason: 'property admin should not exist' }]);
  });

  it('a JSON array or scalar body is a validation failure, not a crash', async () => {
    const res = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('[1,2]').expect(400);
    expect(res.body.success).toBe(false);
    const scalar = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('"x"');
    expect(scalar.status).toBe(400);
  });
});
