import { request } from 'node:http';
import { guardedLookup, isBlockedAddress, webhookUrlProblem } from './url-guard';

describe('webhook URL guard', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '[::1]',
    'not-an-ip',
  ])('refuses %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'accepts %s',
    (address) => expect(isBlockedAddress(address)).toBe(false),
  );

  it('refuses other schemes and malformed URLs whatever the flag', async () => {
    for (const allow of [true, false]) {
      expect(await webhookUrlProblem('ftp://example.com/hook', allow)).toMatch(/http/);
      expect(await webhookUrlProblem('file:///etc/passwd', allow)).toMatch(/http/);
      expect(await webhookUrlProblem('not a url', allow)).toMatch(/http/);
    }
  });

  it('refuses private, loopback and link-local hosts unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]/x',
      'http://10.0.0.5/',
      'http://169.254.169.254/latest',
      'http://0x7f000001/',
    ]) {
      expect(await webhookUrlProblem(url, false)).toMatch(/Refused/);
      expect(await webhookUrlProblem(url, true)).toBeNull();
    }
    expect(await webhookUrlProblem('https://203.0.113.10/hook', false)).toBeNull();
    expect(await webhookUrlProblem('https://no-such-host.invalid/hook', false)).toMatch(/does not resolve/);
  });

  it('refuses at connection time a host that resolves to a private address', async () => {
    const error = await new Promise<Error>((resolve) => {
      const req = request('http://localhost:9/hook', { method: 'POST', lookup: guardedLookup });
      req.on('error', resolve);
      req.end();
    });
    expect(error.message).toMatch(/Refused: localhost resolves to/);
  });
});
