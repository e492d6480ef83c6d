import { ID_PREFIX, IdKind } from '@keyhold/contracts';

const UUID_HEX = /^[0-9a-f]{32}$/;

/** Public ids are the prefix and the row's uuid without dashes: reversible, no extra column. */
export function toPublicId(kind: IdKind, uuid: string): string {
  return `${ID_PREFIX[kind]}_${uuid.replace(/-/g, '')}`;
}

/** The row uuid behind a public id, or null when it is malformed or of another kind (a 404). */
export function fromPublicId(kind: IdKind, publicId: unknown): string | null {
  if (typeof publicId !== 'string') return null;
  const prefix = `${ID_PREFIX[kind]}_`;
  if (!publicId.startsWith(prefix)) return null;
  const hex = publicId.slice(prefix.length);
  if (!UUID_HEX.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
