import { attachmentDisposition, decideRange, ifRangeHolds } from './http-range';

describe('HTTP Range decisions', () => {
  const size = 1000;
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=0-9, 10-19', { start: 0, end: 19 }],
    ['bytes=5-9,0-6', { start: 0, end: 9 }],
    ['BYTES = 1-1', { start: 1, end: 1 }],
    ['bytes=2000-3000, 1-2', { start: 1, end: 2 }],
  ])('%s is one satisfiable range', (header, range) => {
    expect(decideRange(header, size)).toEqual({ kind: 'partial', range });
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0', 'bytes=99999999999999999999-'])('%s is unsatisfiable', (header) => {
    expect(decideRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([undefined, 'items=0-1', 'bytes=', 'bytes=abc', 'bytes=9-1', 'bytes=0-1,5-6', 'bytes=--1'])(
    '%s is ignored (whole file)',
    (header) => {
      expect(decideRange(header, size)).toEqual({ kind: 'full' });
    },
  );

  it('an empty file satisfies no range', () => {
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('If-Range holds only for our ETag or exact Last-Modified', () => {
    expect(ifRangeHolds(undefined, '"a"', 'x')).toBe(true);
    expect(ifRangeHolds('"a"', '"a"', 'x')).toBe(true);
    expect(ifRangeHolds('x', '"a"', 'x')).toBe(true);
    expect(ifRangeHolds('"b"', '"a"', 'x')).toBe(false);
  });

  it('Content-Disposition carries an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('loader.exe')).toBe(`attachment; filename="loader.exe"; filename*=UTF-8''loader.exe`);
    expect(attachmentDisposition('Über "x" (1).bin')).toBe(
      `attachment; filename="_ber _x_ (1).bin"; filename*=UTF-8''%C3%9Cber%20%22x%22%20%281%29.bin`,
    );
  });
});
