/**
 * Helpers over untrusted JSON that never recurse, so no input depth can overflow the stack.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/** Whether the JSON text nests arrays and objects deeper than `max` (brackets inside strings do not count). */
export function jsonDepthExceeds(text: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (OPEN.has(c)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(c)) {
      depth--;
    }
  }
  return false;
}

/**
 * Visits every value of a parsed JSON value, and every object key (as a string value at the
 * path it names), depth first with an explicit stack. `visit` returns false to stop the walk.
 */
export function walkJson(root: unknown, visit: (value: unknown, path: string) => boolean): void {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (!visit(value, path)) return;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!visit(key, childPath)) return;
        stack.push([child, childPath]);
      }
    }
  }
}
