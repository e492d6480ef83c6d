import type { ByteRange } from './file-cipher';

export type RangeDecision = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

function toNumber(digits: string): number {
  return digits.length > 15 ? Number.POSITIVE_INFINITY : Number(digits);
}

/**
 * An HTTP `Range` header (RFC 9110 §14) for a representation of `size` bytes. One range, or
 * several that overlap or touch, is served as 206; a header that is malformed, of another unit or
 * asks for several disjoint ranges is ignored (200 with everything, which the RFC allows); a
 * well-formed header none of whose ranges overlaps the file is unsatisfiable (416).
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return { kind: 'full' };
  const ranges: ByteRange[] = [];
  for (const raw of match[1].split(',')) {
    const spec = raw.trim();
    if (spec === '') continue;
    const m = SPEC.exec(spec);
    if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
    if (m[1] === '') {
      const suffix = toNumber(m[2]);
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = toNumber(m[1]);
    const end = m[2] === '' ? Number.POSITIVE_INFINITY : toNumber(m[2]);
    if (end < start) return { kind: 'full' };
    if (start < size) ranges.push({ start, end: Math.min(end, size - 1) });
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  ranges.sort((a, b) => a.start - b.start);
  const merged = ranges.reduce<ByteRange[]>((acc, r) => {
    const last = acc[acc.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else acc.push({ ...r });
    return acc;
  }, []);
  if (merged.length > 1) return { kind: 'full' };
  return { kind: 'partial', range: merged[0] };
}

/**
 * `If-Range`: the range applies only while the representation is unchanged, i.e. the validator
 * given is our strong ETag or our exact Last-Modified date.
 */
export function ifRangeHolds(ifRange: string | undefined, etag: string, lastModified: string): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  return value === etag || value === lastModified;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name as RFC 8187 `filename*` (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
