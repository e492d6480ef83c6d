// The SDK's tsconfig has `types: []` (its published types name no test runner) and jest is not its
// dependency; its specs run in apps/api's jest (jest.config.js, unit project), so they borrow that
// project's jest types by path, the one way to reach them from here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../apps/api/node_modules/@types/jest/index.d.ts" />
import {
  InnerList,
  isInnerList,
  Item,
  parseDictionary,
  serializeInnerList,
  serializeItem,
  SfDecimal,
  SfToken,
  StructuredFieldError,
} from './structured-fields';

const innerList = (text: string, key: string): InnerList => {
  const member = parseDictionary(text).get(key);
  if (!member || !isInnerList(member)) throw new Error(`${key} is not an inner list`);
  return member;
};
const item = (text: string, key: string): Item => {
  const member = parseDictionary(text).get(key);
  if (!member || isInnerList(member)) throw new Error(`${key} is not an item`);
  return member;
};

describe('RFC 8941 dictionaries, as Signature-Input and Signature use them', () => {
  it('reads the RFC 9421 B.2.6 Signature-Input and serialises it back byte for byte', () => {
    const text =
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
    const list = innerList(text, 'sig-b26');
    expect(list.items.map((i) => i.value)).toEqual(['date', '@method', '@path', '@authority', 'content-type', 'content-length']);
    expect([...list.params]).toEqual([
      ['created', 1618884473],
      ['keyid', 'test-key-ed25519'],
    ]);
    expect(serializeInnerList(list)).toBe(text.slice('sig-b26='.length));
  });

  it('keeps component parameters (;req) and parameter order', () => {
    const list = innerList('keyhold=("@status" "@path";req);nonce="n-1";created=5;keyid="k"', 'keyhold');
    expect(list.items.map(serializeItem)).toEqual(['"@status"', '"@path";req']);
    expect([...list.params.keys()]).toEqual(['nonce', 'created', 'keyid']);
    expect(serializeInnerList(list)).toBe('("@status" "@path";req);nonce="n-1";created=5;keyid="k"');
  });

  it('finds one label among several, with optional whitespace around commas', () => {
    const text = 'other=("@method");created=1,\t keyhold=("@status");keyid="a" , third=:AAAA:';
    const d = parseDictionary(text);
    expect([...d.keys()]).toEqual(['other', 'keyhold', 'third']);
    expect(serializeInnerList(innerList(text, 'keyhold'))).toBe('("@status");keyid="a"');
    expect(item(text, 'third').value).toEqual(new Uint8Array([0, 0, 0]));
  });

  it('lets a repeated key keep its first place and take its last value (fields combined from several lines)', () => {
    const d = parseDictionary('keyhold=("a"), x=1, keyhold=("b")');
    expect([...d.keys()]).toEqual(['keyhold', 'x']);
    expect(innerList('keyhold=("a"), x=1, keyhold=("b")', 'keyhold').items[0].value).toBe('b');
  });

  it('reads every bare item type', () => {
    const d = parseDictionary('a=1, b=-2.5, c="q\\"s\\\\", d=tok/en:x, e=:aGk=:, f=?0, g, h=("x" 1);p;q=?1');
    expect(item('a=1', 'a').value).toBe(1);
    expect((d.get('b') as Item).value).toEqual(new SfDecimal(-2.5));
    expect((d.get('c') as Item).value).toBe('q"s\\');
    expect((d.get('d') as Item).value).toEqual(new SfToken('tok/en:x'));
    expect((d.get('e') as Item).value).toEqual(new TextEncoder().encode('hi'));
    expect((d.get('f') as Item).value).toBe(false);
    expect((d.get('g') as Item).value).toBe(true);
    const h = d.get('h') as InnerList;
    expect(serializeInnerList(h)).toBe('("x" 1);p;q');
  });

  it('serialises strings with escapes, decimals, tokens, bytes and booleans', () => {
    const params = new Map();
    expect(serializeItem({ value: 'a"b\\c', params })).toBe('"a\\"b\\\\c"');
    expect(serializeItem({ value: new SfDecimal(1.5), params })).toBe('1.5');
    expect(serializeItem({ value: new SfDecimal(2), params })).toBe('2.0');
    expect(serializeItem({ value: new SfToken('sha-256'), params })).toBe('sha-256');
    expect(serializeItem({ value: new Uint8Array([1, 2, 3]), params })).toBe(':AQID:');
    expect(serializeItem({ value: false, params: new Map([['req', true]]) })).toBe('?0;req');
    expect(() => serializeItem({ value: 'é', params })).toThrow(StructuredFieldError);
  });

  it('allows spaces inside inner lists and after ";"', () => {
    expect(serializeInnerList(innerList('k=(  "a"   "b"  );  x=1', 'k'))).toBe('("a" "b");x=1');
  });

  it.each([
    ['a trailing comma', 'keyhold=("a"),'],
    ['an empty member', 'a=1,,b=2'],
    ['an unterminated inner list', 'keyhold=("a" "b"'],
    ['items not separated by a space', 'keyhold=("a""b")'],
    ['an unterminated string', 'keyhold=("a)'],
    ['a bad escape', 'k="a\\b"'],
    ['a control character in a string', 'k="a\tb"'],
    ['an upper-case key', 'Keyhold=("a")'],
    ['a key starting with a digit', '1k=1'],
    ['junk after a member', 'k=1 x'],
    ['a byte sequence that is not base64', 'k=:a*b:'],
    ['an unterminated byte sequence', 'k=:AAAA'],
    ['a bad boolean', 'k=?2'],
    ['more than three fraction digits', 'k=1.2345'],
    ['an integer of sixteen digits', 'k=1234567890123456'],
    ['a decimal ending in a dot', 'k=1.'],
    ['a bare item that is no item', 'k=@x'],
    ['a parameter without a key', 'k=1;=2'],
  ])('refuses %s', (_name, text) => {
    expect(() => parseDictionary(text)).toThrow(StructuredFieldError);
  });

  it('ignores leading and trailing spaces of the whole field, and reads an empty field as empty', () => {
    expect([...parseDictionary('  k=1  ').keys()]).toEqual(['k']);
    expect(parseDictionary('').size).toBe(0);
  });
});
