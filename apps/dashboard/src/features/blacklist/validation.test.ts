import { describe, expect, it } from 'vitest';
import { isIpOrCidr, validateBlacklistValue } from './validation';

describe('isIpOrCidr', () => {
  it.each([
    '203.0.113.7',
    '0.0.0.0',
    '255.255.255.255',
    '10.0.0.0/8',
    '203.0.113.0/24',
    '192.0.2.1/32',
    '0.0.0.0/0',
    '2001:db8::1',
    '2001:db8::/32',
    '::',
    '::1',
    '::/0',
    'fe80::1:2:3:4',
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    '::ffff:192.0.2.1',
    '2001:db8::ffff:192.0.2.1/128',
  ])('accepts %s', (value) => expect(isIpOrCidr(value)).toBe(true));

  it.each([
    '',
    '203.0.113',
    '203.0.113.256',
    '203.0.113.07',
    '1.2.3.4.5',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/ 8',
    'example.com',
    '2001:db8::/129',
    '2001:db8:::1',
    '2001::db8::1',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::1',
    'gggg::1',
    '::ffff:192.0.2.256',
    '192.0.2.1::',
  ])('refuses %j', (value) => expect(isIpOrCidr(value)).toBe(false));
});

describe('validateBlacklistValue', () => {
  it('explains what an IP entry must look like', () => {
    expect(validateBlacklistValue('ip', '  ')).toBe('Enter an IP address or a CIDR range');
    expect(validateBlacklistValue('ip', '10.0.0.0/33')).toMatch(/CIDR range such as 203\.0\.113\.0\/24/);
    expect(validateBlacklistValue('ip', ' 10.0.0.0/8 ')).toBeUndefined();
  });

  it('takes any hardware id up to 256 characters', () => {
    expect(validateBlacklistValue('hwid', '')).toBe('Enter a hardware id');
    expect(validateBlacklistValue('hwid', 'ABCD-1234 EFGH')).toBeUndefined();
    expect(validateBlacklistValue('hwid', 'x'.repeat(257))).toBe('Use at most 256 characters');
  });
});
