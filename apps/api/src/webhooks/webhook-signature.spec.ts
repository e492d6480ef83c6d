import { verifyWebhook, WebhookVerificationError } from '@keyhold/sdk';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook, webhookHeaders } from './webhook-signature';

const body = JSON.stringify({
  id: 'evt_0123',
  event: 'user.login',
  timestamp: '2026-06-15T12:00:00.000Z',
  data: { userId: 'usr_1', ip: '1.2.3.4' },
});

describe('webhook signatures', () => {
  const secret = newWebhookSecret();

  it('makes whsec_ secrets of 32 random bytes in base64', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs as the standardwebhooks package does, and that package verifies it', () => {
    const when = new Date();
    const headers = webhookHeaders(secret, 'evt_0123', body, when);
    const wh = new Webhook(secret);
    expect(headers['webhook-signature']).toBe(wh.sign('evt_0123', when, body));
    expect(wh.verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is verified by the SDK helper (string body, byte body, Headers, Node-style headers)', async () => {
    const headers = webhookHeaders(secret, 'evt_0123', body);
    await expect(verifyWebhook(secret, headers, body)).resolves.toEqual(JSON.parse(body));
    await expect(verifyWebhook(secret, headers, new TextEncoder().encode(body))).resolves.toEqual(JSON.parse(body));
    await expect(verifyWebhook(secret, new Headers(headers), body)).resolves.toEqual(JSON.parse(body));
    const nodeStyle = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    await expect(verifyWebhook(secret, nodeStyle, body)).resolves.toMatchObject({ id: 'evt_0123' });
  });

  it('accepts any one valid signature among several (secret rotation)', async () => {
    const headers = webhookHeaders(secret, 'evt_0123', body);
    const other = signWebhook(newWebhookSecret(), 'evt_0123', Number(headers['webhook-timestamp']), body);
    const both = { ...headers, 'webhook-signature': `${other} v2,abc ${headers['webhook-signature']}` };
    await expect(verifyWebhook(secret, both, body)).resolves.toMatchObject({ event: 'user.login' });
    expect(new Webhook(secret).verify(body, both)).toMatchObject({ event: 'user.login' });
  });

  it('refuses a changed body, id or timestamp, another secret, and missing headers', async () => {
    const headers = webhookHeaders(secret, 'evt_0123', body);
    const refused = (s: string, h: Record<string, string>, b: string) =>
      expect(verifyWebhook(s, h, b)).rejects.toBeInstanceOf(WebhookVerificationError);
    await refused(secret, headers, body.replace('1.2.3.4', '1.2.3.5'));
    await refused(secret, { ...headers, 'webhook-id': 'evt_other' }, body);
    await refused(secret, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }, body);
    await refused(newWebhookSecret(), headers, body);
    await refused(secret, { 'webhook-id': 'evt_0123', 'webhook-timestamp': headers['webhook-timestamp'] }, body);
    await refused(secret, { ...headers, 'webhook-signature': 'v1,not base64!' }, body);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('refuses timestamps more than five minutes off, either way', async () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const at = (offsetSeconds: number) => webhookHeaders(secret, 'evt_0123', body, new Date(now.getTime() + offsetSeconds * 1000));
    await expect(verifyWebhook(secret, at(-299), body, { now })).resolves.toBeDefined();
    await expect(verifyWebhook(secret, at(299), body, { now })).resolves.toBeDefined();
    await expect(verifyWebhook(secret, at(-301), body, { now })).rejects.toThrow('too old');
    await expect(verifyWebhook(secret, at(301), body, { now })).rejects.toThrow('too new');
  });
});
