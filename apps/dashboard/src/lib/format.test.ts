import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, plural } from './format';

describe('format', () => {
  it('writes dates one way: day, short month, year (and the time in 24 h)', () => {
    const at = new Date(2026, 10, 25, 14, 5).toISOString(); // local time, as the seller sees it
    expect([formatDate(at), formatDateTime(at), formatDate(null)]).toEqual(['25 Nov 2026', '25 Nov 2026, 14:05', '—']);
  });

  it('counts in words', () => {
    expect([plural(1, 'credit'), plural(2, 'credit'), plural(1000, 'key')]).toEqual(['1 credit', '2 credits', '1,000 keys']);
  });
});
