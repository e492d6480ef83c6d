/**
 * The part of RFC 8941 (Structured Field Values for HTTP) that RFC 9421 signatures need: parsing a
 * Dictionary whose members are Items or Inner Lists with Parameters (Signature-Input, Signature,
 * Content-Digest, Repr-Digest), and serialising an Item or an Inner List again, as the signature
 * base requires. Parsing is strict: anything §4.2 would fail on throws StructuredFieldError.
 */

/** A Token (RFC 8941 §3.3.4): unquoted, told apart from a String. */
export class SfToken {
  constructor(readonly value: string) {}
}

/** A Decimal (§3.3.2), told apart from an Integer, which is a plain number. */
export class SfDecimal {
  constructor(readonly value: number) {}
}

export type BareItem = number | SfDecimal | string | SfToken | Uint8Array | boolean;
/** Parameters keep their order: it is part of the serialisation a signature covers. */
export type Parameters = Map<string, BareItem>;
export interface Item {
  value: BareItem;
  params: Parameters;
}
export interface InnerList {
  items: Item[];
  params: Parameters;
}
export type DictionaryMember = Item | InnerList;
export type Dictionary = Map<string, DictionaryMember>;

export class StructuredFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructuredFieldError';
  }
}

export const isInnerList = (m: DictionaryMember): m is InnerList => 'items' in m;

const LCALPHA = /[a-z]/;
const DIGIT = /[0-9]/;
const ALPHA = /[A-Za-z]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
// tchar (RFC 9110 §5.6.2) plus ":" and "/" (RFC 8941 §3.3.4)
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A cursor over the field value (§4.2: one string, combined from every field line with ", "). */
class Input {
  private at = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }
  peek(): string {
    return this.text[this.at] ?? '';
  }
  next(): string {
    return this.text[this.at++] ?? '';
  }
  skipSp(): void {
    while (this.peek() === ' ') this.at++;
  }
  skipOws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.at++;
  }
  fail(what: string): never {
    throw new StructuredFieldError(`${what} at character ${this.at + 1}`);
  }
}

/** Parses a Dictionary field value (§4.2.2). A repeated key keeps its first place and takes its last value. */
export function parseDictionary(text: string): Dictionary {
  const input = new Input(text);
  const dictionary: Dictionary = new Map();
  input.skipSp();
  while (!input.done) {
    const key = parseKey(input);
    let member: DictionaryMember;
    if (input.peek() === '=') {
      input.next();
      member = parseItemOrInnerList(input);
    } else {
      member = { value: true, params: parseParameters(input) };
    }
    dictionary.set(key, member);
    input.skipOws();
    if (input.done) return dictionary;
    if (input.next() !== ',') input.fail('Expected "," after a dictionary member');
    input.skipOws();
    if (input.done) input.fail('Trailing "," in a dictionary');
  }
  return dictionary;
}

function parseItemOrInnerList(input: Input): DictionaryMember {
  return input.peek() === '(' ? parseInnerList(input) : parseItem(input);
}

function parseInnerList(input: Input): InnerList {
  input.next(); // "("
  const items: Item[] = [];
  while (!input.done) {
    input.skipSp();
    if (input.peek() === ')') {
      input.next();
      return { items, params: parseParameters(input) };
    }
    items.push(parseItem(input));
    const c = input.peek();
    if (c !== ' ' && c !== ')') input.fail('Expected " " or ")" in an inner list');
  }
  return input.fail('Unterminated inner list');
}

function parseItem(input: Input): Item {
  const value = parseBareItem(input);
  return { value, params: parseParameters(input) };
}

function parseBareItem(input: Input): BareItem {
  const c = input.peek();
  if (c === '-' || DIGIT.test(c)) return parseNumber(input);
  if (c === '"') return parseString(input);
  if (c === '*' || ALPHA.test(c)) return parseToken(input);
  if (c === ':') return parseByteSequence(input);
  if (c === '?') return parseBoolean(input);
  return input.fail('Expected an item');
}

function parseParameters(input: Input): Parameters {
  const params: Parameters = new Map();
  while (input.peek() === ';') {
    input.next();
    input.skipSp();
    const key = parseKey(input);
    let value: BareItem = true;
    if (input.peek() === '=') {
      input.next();
      value = parseBareItem(input);
    }
    params.set(key, value);
  }
  return params;
}

function parseKey(input: Input): string {
  const first = input.peek();
  if (first !== '*' && !LCALPHA.test(first)) input.fail('Expected a key');
  let key = '';
  while (!input.done && KEY_CHAR.test(input.peek())) key += input.next();
  return key;
}

function parseNumber(input: Input): number | SfDecimal {
  let sign = 1;
  if (input.peek() === '-') {
    input.next();
    sign = -1;
  }
  if (!DIGIT.test(input.peek())) input.fail('Expected a digit');
  let digits = '';
  let decimal = false;
  while (!input.done) {
    const c = input.peek();
    if (DIGIT.test(c)) digits += input.next();
    else if (c === '.' && !decimal) {
      if (digits.length > 12) input.fail('Too many integer digits in a decimal');
      decimal = true;
      digits += input.next();
    } else break;
    if (!decimal && digits.length > 15) input.fail('Integer too long');
    if (decimal && digits.length > 16) input.fail('Decimal too long');
  }
  if (!decimal) return sign * Number(digits);
  if (digits.endsWith('.')) input.fail('A decimal ends with "."');
  if (digits.length - digits.indexOf('.') - 1 > 3) input.fail('More than three fraction digits');
  return new SfDecimal(sign * Number(digits));
}

function parseString(input: Input): string {
  input.next(); // '"'
  let out = '';
  while (!input.done) {
    const c = input.next();
    if (c === '\\') {
      const escaped = input.next();
      if (escaped !== '"' && escaped !== '\\') input.fail('Bad escape in a string');
      out += escaped;
    } else if (c === '"') {
      return out;
    } else {
      const code = c.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) input.fail('Character not allowed in a string');
      out += c;
    }
  }
  return input.fail('Unterminated string');
}

function parseToken(input: Input): SfToken {
  let out = input.next();
  while (!input.done && TOKEN_CHAR.test(input.peek())) out += input.next();
  return new SfToken(out);
}

function parseByteSequence(input: Input): Uint8Array {
  input.next(); // ":"
  let b64 = '';
  while (!input.done && input.peek() !== ':') b64 += input.next();
  if (input.next() !== ':') input.fail('Unterminated byte sequence');
  if (!BASE64.test(b64)) input.fail('Not base64 in a byte sequence');
  try {
    return fromBase64(b64);
  } catch {
    return input.fail('Not base64 in a byte sequence');
  }
}

function parseBoolean(input: Input): boolean {
  input.next(); // "?"
  const c = input.next();
  if (c === '1') return true;
  if (c === '0') return false;
  return input.fail('Expected ?0 or ?1');
}

// --- serialisation (§4.1) ---

/** An Item as §4.1.3 serialises it, e.g. `"@path";req`. */
export function serializeItem(item: Item): string {
  return serializeBareItem(item.value) + serializeParameters(item.params);
}

/** An Inner List as §4.1.1.1 serialises it, e.g. `("@status" "content-digest");created=1;keyid="k"`. */
export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map(serializeItem).join(' ')})${serializeParameters(list.params)}`;
}

export function serializeParameters(params: Parameters): string {
  let out = '';
  for (const [key, value] of params) out += value === true ? `;${key}` : `;${key}=${serializeBareItem(value)}`;
  return out;
}

export function serializeBareItem(value: BareItem): string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Math.abs(value) > 999_999_999_999_999) throw new StructuredFieldError('Not an sf-integer');
    return String(value);
  }
  if (value instanceof SfDecimal) {
    const fixed = (Math.round(value.value * 1000) / 1000).toFixed(3).replace(/0{1,2}$/, '');
    if (Math.abs(value.value) >= 1e12) throw new StructuredFieldError('Not an sf-decimal');
    return fixed;
  }
  if (typeof value === 'string') {
    if (!/^[\x20-\x7e]*$/.test(value)) throw new StructuredFieldError('Not an sf-string');
    return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  if (value instanceof SfToken) return value.value;
  if (value instanceof Uint8Array) return `:${toBase64(value)}:`;
  return value ? '?1' : '?0';
}

// --- base64 (browsers and Node 20 both have atob/btoa) ---

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}
