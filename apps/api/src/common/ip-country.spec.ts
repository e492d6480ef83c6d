import { countryOfIp } from './ip-country';

describe('countryOfIp', () => {
  it('resolves public IPv4 addresses from the bundled table, IPv4-mapped IPv6 too', () => {
    expect(countryOfIp('8.8.8.8')).toBe('US');
    expect(countryOfIp('81.2.69.142')).toBe('GB');
    expect(countryOfIp('133.242.0.1')).toBe('JP');
    expect(countryOfIp('::ffff:81.2.69.142')).toBe('GB');
  });

  it('answers null for addresses that name no country: private, loopback, link-local, shared, documentation, reserved', () => {
    for (const ip of [
      '0.0.0.0',
      '10.1.2.3',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.10.10',
      '172.16.0.1',
      '172.31.255.255',
      '192.0.2.50',
      '192.168.1.1',
      '198.18.0.1',
      '198.51.100.7',
      '203.0.113.9',
      '224.0.0.1',
      '255.255.255.255',
    ]) {
      expect([ip, countryOfIp(ip)]).toEqual([ip, null]);
    }
    // The edges of a range are inside it, the next address is not.
    expect(countryOfIp('172.32.0.1')).not.toBeNull();
  });

  it('answers null for IPv6 (the table is IPv4 only) and for anything that is not an address', () => {
    for (const ip of ['::1', '2001:4860:4860::8888', '', 'not-an-ip', '1.2.3', '1.2.3.4.5', '256.1.1.1', '8.8.8.8 ']) {
      expect([ip, countryOfIp(ip)]).toEqual([ip, null]);
    }
  });
});
