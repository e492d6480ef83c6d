/** Country names in the browser's language, from ISO 3166-1 alpha-2 codes (what the API records). */

let names: Intl.DisplayNames | null | undefined;

/** "United Kingdom" for `GB`; the code itself when the browser has no name for it; "Unknown" for null. */
export function countryName(code: string | null | undefined): string {
  if (!code) return 'Unknown';
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(undefined, { type: 'region' });
    } catch {
      names = null;
    }
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
