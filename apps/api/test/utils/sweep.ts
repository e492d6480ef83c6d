/**
 * The hostile-input sweep: turns the running server's OpenAPI document into thousands of raw HTTP
 * requests (bad bodies, bad ids, bad query strings, bad credentials), sends them, and judges every
 * answer against the contract's floor: never a 5xx, always the envelope on /v1, the documented shape
 * elsewhere. The cases come from the document alone, so a route is swept the day it is documented.
 */
import { Agent, request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// The part of OpenAPI 3 the sweep reads
// ---------------------------------------------------------------------------------------------

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
  security?: Record<string, string[]>[];
}

export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, SecurityScheme> };
}

/** One documented method of one path. */
export interface Route {
  method: string;
  template: string;
  operation: Operation;
  /** `PATCH /v1/admin/apps/{id}`: how the report names it. */
  name: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every documented path and method, in the document's order. */
export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) routes.push({ method: method.toUpperCase(), template, operation, name: `${method.toUpperCase()} ${template}` });
    }
  }
  return routes;
}

/** Follows `$ref` and merges `allOf`, so the generator sees plain schemas. */
function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => resolve(doc, s));
    const { allOf: _ignored, ...rest } = schema;
    return Object.assign({}, ...parts, rest);
  }
  return schema;
}

// ---------------------------------------------------------------------------------------------
// What the sweep knows about the world: real credentials and ids, so requests get past
// authentication and lookups and reach validation and the services behind them
// ---------------------------------------------------------------------------------------------

export interface SweepContext {
  /** The header value to send per OpenAPI security scheme name (`seller` → a token, `apiKey` → `ak_…`). */
  credentials: Record<string, string>;
  /**
   * Real values for path parameters, looked up by the parameter's name (`endpoint`, `deliveryId`)
   * and then by the collection segment in front of it (`apps` for `/apps/{id}`).
   */
  pathValues: Record<string, string>;
  /** Real values for body properties and query parameters, by name (`appId`, `appIds`, `licenseKey`). */
  fieldValues: Record<string, unknown>;
  /** The server's JSON body limit (BODY_LIMIT_BYTES). */
  bodyLimitBytes: number;
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

export interface SweepCase {
  route: Route;
  /** What was done to the request, e.g. `body.name = null` or `path id = %00`. */
  variant: string;
  method: string;
  /** Path and query exactly as sent (already percent-encoded where intended). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with chunked transfer encoding and no Content-Length. */
  chunked?: boolean;
  /** Statuses the contract fixes for this input (413 over the body limit, 400 nested too deep). */
  expect?: number[];
  /** Deletes a real fixture: run only after every other case. */
  destructive?: boolean;
}

/** A piece of JSON text to splice in verbatim: lone surrogates, `1e309`, `__proto__` keys. */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that keeps RawJson pieces verbatim. */
function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `{"x":[[[…]]]}` with `depth` levels of nesting in all (the outer object counts). */
export function nestedArrays(depth: number): string {
  return `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Mistyped, empty, huge and odd-unicode values, as JSON text; each replaces one property in turn. */
const VALUE_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['null', 'null'],
  ['true', 'true'],
  ['false', 'false'],
  ['0', '0'],
  ['-1', '-1'],
  ['1.5', '1.5'],
  ['1e309 (Infinity)', '1e309'],
  ['2^53+1', '9007199254740993'],
  ['-1e30', '-1e30'],
  ['""', '""'],
  ['"x"', '"x"'],
  ['"12345"', '"12345"'],
  ['{}', '{}'],
  ['[]', '[]'],
  ['[null]', '[null]'],
  ['["x"]', '["x"]'],
  ['[{}]', '[{}]'],
  ['{"$gt":""}', '{"$gt":""}'],
  ['string of 100 KB', JSON.stringify('a'.repeat(100 * 1024))],
  ['array of 10,000', `[${new Array(10_000).fill('1').join(',')}]`],
  ['object nested 20', nestedObjects(20)],
  ['lone surrogate', '"\\ud800"'],
  ['reversed surrogates', '"a\\udc00\\ud800b"'],
  ['NUL', '"a\\u0000b"'],
  ['RTL marks', '"\\u202eevil\\u200f\\u061c"'],
  ['emoji', JSON.stringify('😀👩‍👩‍👧‍👦🏳️‍🌈')],
  ['combining marks', JSON.stringify(`e${'\u0301'.repeat(64)}`)],
  ['BOM and noncharacter', '"\\ufeff\\uffff\\ufffe"'],
];
/** Inside nested objects (an array item's property) a shorter list is enough. */
const NESTED_VALUE_VARIANTS = VALUE_VARIANTS.filter(([label]) =>
  ['null', '-1', '1e309 (Infinity)', '"x"', '{}', '[]', 'string of 100 KB', 'lone surrogate', 'NUL'].includes(label),
);
const MUST_BE_400 = new Set(['lone surrogate', 'reversed surrogates']);

/** `app_` of `app_0f6c…`; empty for values without a public-id prefix. */
const prefixOf = (id: string | undefined) => /^[a-z]+_/.exec(id ?? '')?.[0] ?? '';
/** A well-formed id of nothing: the real id's prefix and shape, its hex digits zeroed. */
const absentLike = (real: string) =>
  prefixOf(real) ? prefixOf(real) + real.slice(prefixOf(real).length).replace(/[0-9a-f]/g, '0') : 'sweep-absent';

/** Ids that are not ids: raw URL text for one path segment. */
function garbageIds(real: string | undefined, otherKind: string | undefined): Array<[string, string]> {
  const prefix = prefixOf(real);
  const list: Array<[string, string]> = [
    ['x', 'x'],
    ['space', '%20'],
    ['2,000 chars', 'a'.repeat(2000)],
    ['prefix + non-uuid', `${prefix}not-a-uuid`],
    ['prefix + zero uuid', `${prefix}${'0'.repeat(32)}`],
    ['prefix + 33 hex', `${prefix}${'f'.repeat(33)}`],
    ['bare uuid', '00000000-0000-0000-0000-000000000000'],
    ['unicode', encodeURIComponent('ünï😀')],
    ['%00', '%00'],
    ['..%2F', '..%2F..%2Fetc%2Fpasswd'],
    ['..', '..'],
    ['%ZZ (bad escape)', '%ZZ'],
    ['lone %', '%'],
    ['surrogate in UTF-8', '%ED%A0%80'],
    ['overlong UTF-8', '%C0%AF'],
    ['%FF', '%FF'],
    ['SQL', "'%20OR%201=1--"],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['-1', '-1'],
    ['400 digits', '9'.repeat(400)],
    ['%2B and +', 'a+b%2Bc+d+e+f+g'],
    ['JSON', '%7B%22a%22%3A1%7D'],
  ];
  if (otherKind) list.push(['id of another kind', encodeURIComponent(otherKind)]);
  return list;
}

/** Garbage for one query parameter (raw URL text after `name=`). */
const GARBAGE_QUERY_VALUES: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['x', 'x'],
  ['-1', '-1'],
  ['0', '0'],
  ['1.5', '1.5'],
  ['1e309', '1e309'],
  ['400 digits', '9'.repeat(400)],
  ['NaN', 'NaN'],
  ['%00', '%00'],
  ['surrogate in UTF-8', '%ED%A0%80'],
  ['%FF', '%FF'],
  ['%ZZ', '%ZZ'],
  ['5,000 chars', 'a'.repeat(5000)],
  ['operator JSON', '%7B%22%24gt%22%3A%22%22%7D'],
  ['RTL and emoji', encodeURIComponent('\u202e😀')],
];

/** Garbage for a bearer credential. */
const GARBAGE_BEARERS: ReadonlyArray<readonly [string, string]> = [
  ['Bearer x', 'Bearer x'],
  ['Bearer a.b.c', 'Bearer a.b.c'],
  ['alg none JWT', 'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJzZWxfeCIsInR5cCI6InNlbGxlciJ9.'],
  ['8,000 chars', `Bearer ${'a'.repeat(8000)}`],
  ['Basic', 'Basic dXNlcjpwYXNz'],
  ['Bearer and nothing', 'Bearer '],
  ['latin-1 bytes', 'Bearer \u00ff\u00fe'],
];
const GARBAGE_API_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['x', 'x'],
  ['ak_ + 5,000 chars', `ak_${'A'.repeat(5000)}`],
  ['latin-1 bytes', 'ak_\u00ff\u00fe'],
  ['a seller token', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
];

/** Garbage for a documented header parameter (Range, If-Range). */
const GARBAGE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['bytes=abc', 'bytes=abc'],
  ['bytes=5-1', 'bytes=5-1'],
  ['bytes=-0', 'bytes=-0'],
  ['huge start', `bytes=${'9'.repeat(30)}-`],
  ['200 ranges', `bytes=${new Array(200).fill('0-0').join(',')}`],
  ['items=0-1', 'items=0-1'],
  ['8,000 chars', 'a'.repeat(8000)],
  ['latin-1 bytes', '\u00ff\u00fe'],
];

/** A real, accepted value for a schema: fixtures by name first, then the document's own hints. */
function sampleValue(doc: OpenApiDocument, raw: Schema | undefined, name: string, ctx: SweepContext, depth = 0): unknown {
  if (Object.hasOwn(ctx.fieldValues, name)) return ctx.fieldValues[name];
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'sweep'.padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 1 ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return depth > 3 ? [] : [sampleValue(doc, schema.items, '', ctx, depth + 1)];
    default:
      if (schema.properties && depth <= 3) return sampleObject(doc, schema, ctx, depth + 1);
      return schema.nullable ? null : {};
  }
}

function sampleObject(doc: OpenApiDocument, schema: Schema, ctx: SweepContext, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = sampleValue(doc, prop, name, ctx, depth);
  return out;
}

type PropertyPath = Array<string | number>;

/** The property paths to vary: every property, and one level into objects and array items. */
function propertyPaths(doc: OpenApiDocument, schema: Schema): Array<{ path: PropertyPath; nested: boolean }> {
  const out: Array<{ path: PropertyPath; nested: boolean }> = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    out.push({ path: [name], nested: false });
    const prop = resolve(doc, raw);
    const inner = prop.type === 'array' ? resolve(doc, prop.items) : prop;
    for (const sub of Object.keys(inner.properties ?? {})) {
      out.push({ path: prop.type === 'array' ? [name, 0, sub] : [name, sub], nested: true });
    }
  }
  return out;
}

const MISSING = Symbol('missing');

/** A copy of `base` with the value at `path` replaced (or removed). */
function withValueAt(base: unknown, path: PropertyPath, value: RawJson | typeof MISSING): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (parent[key] === null || typeof parent[key] !== 'object') parent[key] = typeof key === 'number' ? [] : {};
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === MISSING) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** `{"key": value, …base}` as text, so that keys like `__proto__` reach the server as written. */
function withLeadingKey(baseText: string, key: string, valueText: string): string {
  const rest = baseText.trim().replace(/^\{/, '');
  return `{${JSON.stringify(key)}:${valueText}${rest === '}' ? '}' : `,${rest}`}`;
}

const pathLabel = (path: PropertyPath) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .slice(1);
const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** Segment before a `{param}` in the template: `apps` for `/v1/admin/apps/{id}`. */
function collectionOf(template: string, param: string): string {
  const before = template
    .slice(0, template.indexOf(`{${param}}`))
    .split('/')
    .filter(Boolean);
  return before[before.length - 1] ?? '';
}

/**
 * Builds every case for one route. The "baseline" is the route called correctly (real ids,
 * credentials, required query values, a body built from the schema); each variant breaks one thing.
 */
export function casesFor(doc: OpenApiDocument, route: Route, ctx: SweepContext): SweepCase[] {
  const op = route.operation;
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');
  const isDelete = route.method === 'DELETE';

  // Real values for the path, percent-encoded. A DELETE's ordinary cases get well-formed ids of
  // nothing (zeros), so that the sweep never deletes the fixtures the later routes need.
  const realPath: Record<string, string | undefined> = {};
  // Own properties only: a parameter named `constructor` must not find Object's.
  const known = (key: string) => (Object.hasOwn(ctx.pathValues, key) ? ctx.pathValues[key] : undefined);
  for (const p of pathParams) realPath[p.name] = known(p.name) ?? known(collectionOf(route.template, p.name));
  const safePath: Record<string, string> = {};
  for (const p of pathParams) {
    const real = realPath[p.name] ?? 'sweep-no-fixture';
    safePath[p.name] = encodeURIComponent(isDelete ? absentLike(real) : real);
  }
  const fillPath = (values: Record<string, string | null>): string =>
    pathParams.reduce((path, p) => {
      const value = values[p.name];
      // An optional segment left out takes its separator with it (`+{hardware_id}`).
      return value === null ? path.replace(new RegExp(`[^A-Za-z0-9{}]?\\{${p.name}\\}`), '') : path.replace(`{${p.name}}`, value);
    }, route.template);

  // Required query values (e.g. appId) from the fixtures.
  const baseQuery: Array<[string, string]> = queryParams
    .filter((p) => p.required)
    .map((p) => [p.name, encodeURIComponent(String(sampleValue(doc, p.schema, p.name, ctx)))]);
  const queryText = (pairs: Array<[string, string]>) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '');

  const schemes = doc.components?.securitySchemes ?? {};
  // Nest lists each auth decorator as its own entry; the client routes need all of them at once.
  const required = [...new Set((op.security ?? []).flatMap((req) => Object.keys(req)))];
  const authHeaders = (replace: { scheme?: string; value?: string | null } = {}): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const name of required) {
      const scheme = schemes[name];
      if (!scheme) continue;
      const header = scheme.type === 'apiKey' ? (scheme.name ?? 'x-api-key').toLowerCase() : 'authorization';
      const real = scheme.type === 'apiKey' ? ctx.credentials[name] : `Bearer ${ctx.credentials[name] ?? ''}`;
      const value = replace.scheme === name ? replace.value : real;
      if (value !== null && value !== undefined && !(header in headers)) headers[header] = value;
    }
    return headers;
  };

  const jsonMedia = op.requestBody?.content?.['application/json'];
  const multipartMedia = op.requestBody?.content?.['multipart/form-data'];
  const bodySchema = resolve(doc, jsonMedia?.schema);
  const baselineBody = jsonMedia ? sampleObject(doc, bodySchema, ctx) : undefined;
  const baselineText = baselineBody ? toJson(baselineBody) : undefined;

  const basePath = fillPath(safePath) + queryText(baseQuery);
  const cases: SweepCase[] = [];
  const add: Add = (variant, c) => {
    const headers: Record<string, string> = { ...(c.auth ?? authHeaders()), ...c.headers };
    const body = typeof c.body === 'string' ? utf8(c.body) : c.body;
    if (c.contentType !== undefined) {
      if (c.contentType !== null) headers['content-type'] = c.contentType;
    } else if (body && !headers['content-type']) headers['content-type'] = 'application/json';
    cases.push({
      route,
      variant,
      method: c.method ?? route.method,
      path: c.path ?? basePath,
      headers,
      body,
      chunked: c.chunked,
      expect: c.expect,
    });
  };

  // The route called correctly.
  add('baseline', {
    body: baselineText,
    ...(multipartMedia ? multipartCase(doc, multipartMedia.schema, ctx) : {}),
  });

  // Ids: garbage in each path parameter in turn, the others real.
  const ownPrefixes = new Set(Object.values(realPath).map(prefixOf));
  const otherKind = Object.values(ctx.pathValues).find((v) => prefixOf(v) !== '' && !ownPrefixes.has(prefixOf(v)));
  for (const p of pathParams) {
    for (const [label, raw] of garbageIds(realPath[p.name], otherKind)) {
      add(`path ${p.name} = ${label}`, { path: fillPath({ ...safePath, [p.name]: raw }) + queryText(baseQuery), body: baselineText });
    }
    if (!p.required) add(`path ${p.name} left out`, { path: fillPath({ ...safePath, [p.name]: null }) + queryText(baseQuery) });
  }
  // The path itself bent: trailing slash, doubled slash, other letter case.
  add('path with trailing slash', { path: fillPath(safePath) + '/' + queryText(baseQuery), body: baselineText });
  add('path with doubled slash', { path: fillPath(safePath).replace(/^\/([^/]+)\//, '/$1//') + queryText(baseQuery), body: baselineText });
  add('path in upper case', { path: fillPath(safePath).toUpperCase() + queryText(baseQuery), body: baselineText });

  // Credentials: each required one left out, garbage, or another principal's.
  for (const name of required) {
    const scheme = schemes[name];
    add(`auth ${name}: none`, { auth: authHeaders({ scheme: name, value: null }), body: baselineText });
    const garbage = scheme?.type === 'apiKey' ? GARBAGE_API_KEYS : GARBAGE_BEARERS;
    for (const [label, value] of garbage) add(`auth ${name}: ${label}`, { auth: authHeaders({ scheme: name, value }), body: baselineText });
    if (scheme?.type === 'http') {
      for (const [other, token] of Object.entries(ctx.credentials)) {
        if (other !== name && schemes[other]?.type === 'http') {
          add(`auth ${name}: a ${other} token`, { auth: authHeaders({ scheme: name, value: `Bearer ${token}` }), body: baselineText });
        }
      }
    }
  }
  if (required.length === 0) add('auth: garbage bearer on a public route', { auth: { authorization: 'Bearer x' }, body: baselineText });

  // Query strings: garbage per declared parameter, repeated and array forms, unknown names.
  const withQuery = (variant: string, pairs: Array<[string, string]>) =>
    add(variant, { path: fillPath(safePath) + queryText(pairs), body: baselineText });
  for (const p of queryParams) {
    const others = baseQuery.filter(([k]) => k !== p.name);
    const real = baseQuery.find(([k]) => k === p.name)?.[1] ?? '1';
    for (const [label, raw] of GARBAGE_QUERY_VALUES) withQuery(`query ${p.name} = ${label}`, [...others, [p.name, raw]]);
    if (p.required) withQuery(`query ${p.name} missing`, others);
    withQuery(`query ${p.name} repeated`, [...others, [p.name, real], [p.name, '2']]);
    withQuery(`query ${p.name}[]`, [...others, [`${p.name}[]`, real]]);
    withQuery(`query ${p.name}[0] and [1]`, [...others, [`${p.name}[0]`, real], [`${p.name}[1]`, 'x']]);
    withQuery(`query ${p.name}[a][b]`, [...others, [`${p.name}[a][b]`, real]]);
  }
  withQuery('query: unknown parameter', [...baseQuery, ['sweepUnknown', '1']]);
  withQuery('query: __proto__ and constructor', [
    ...baseQuery,
    ['__proto__[polluted]', 'yes'],
    ['constructor[prototype][polluted]', 'yes'],
  ]);
  withQuery('query: brackets nested 500 deep', [...baseQuery, [`a${'[b]'.repeat(500)}`, '1']]);
  withQuery('query: 1,000 parameters', [...baseQuery, ...new Array<[string, string]>(1000).fill(['x', '1'])]);
  add('query: bare ?&=%', { path: `${fillPath(safePath)}?&=%&${baseQuery.map(([k, v]) => `${k}=${v}`).join('&')}`, body: baselineText });

  // Documented headers (Range, If-Range).
  for (const h of headerParams) {
    for (const [label, value] of GARBAGE_HEADERS) add(`header ${h.name}: ${label}`, { headers: { [h.name.toLowerCase()]: value } });
  }

  // Bodies.
  if (jsonMedia && baselineText) jsonBodyCases(doc, bodySchema, baselineBody, baselineText, ctx, add);
  else if (multipartMedia) multipartCases(doc, multipartMedia.schema, ctx, add);
  else bodilessRouteBodies(ctx, add);

  // Methods nobody documented for this path (once per path: with the first documented method).
  const documented = Object.keys(doc.paths[route.template] ?? {}).map((m) => m.toUpperCase());
  if (documented[0] === route.method) {
    for (const m of METHODS.map((x) => x.toUpperCase()).filter((x) => !documented.includes(x))) {
      // Real ids (absent ones for DELETE, in case an undocumented DELETE exists after all).
      const ids = pathParams.map((p) => [
        p.name,
        encodeURIComponent(m === 'DELETE' ? absentLike(realPath[p.name] ?? 'x') : (realPath[p.name] ?? 'x')),
      ]);
      add(`undocumented method ${m}`, { method: m, path: fillPath(Object.fromEntries(ids)) });
    }
  }

  // A DELETE of the real records, kept apart: the spec runs these last.
  if (isDelete) {
    const real = Object.fromEntries(pathParams.map((p) => [p.name, encodeURIComponent(realPath[p.name] ?? 'x')]));
    cases.push({
      route,
      variant: 'delete the real record',
      method: 'DELETE',
      path: fillPath(real),
      headers: authHeaders(),
      destructive: true,
    });
  }
  return cases;
}

/** Adds one case; `auth` replaces the route's credentials, `contentType: null` sends none. */
type Add = (
  variant: string,
  c: Partial<Omit<SweepCase, 'body'>> & { body?: Buffer | string; contentType?: string | null; auth?: Record<string, string> },
) => void;

/** Every way to send a bad JSON body, whole-body and per property. */
function jsonBodyCases(doc: OpenApiDocument, schema: Schema, baseline: unknown, baselineText: string, ctx: SweepContext, add: Add): void {
  const limit = ctx.bodyLimitBytes;
  // The whole body wrong.
  add('body: malformed (truncated)', { body: '{"a":', expect: [400] });
  add('body: malformed (trailing comma)', { body: `${baselineText.slice(0, -1)},}`, expect: [400] });
  add('body: malformed (single quotes)', { body: "{'a':1}", expect: [400] });
  add('body: malformed (bare word)', { body: 'undefined', expect: [400] });
  add('body: empty with a JSON content-type', { body: Buffer.alloc(0) });
  for (const [label, text] of [
    ['an array', '[]'],
    ['an array of the body', `[${baselineText}]`],
    ['a number', '1'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['true', 'true'],
  ]) {
    add(`body: ${label}`, { body: text });
  }
  add('body: UTF-8 BOM first', { body: `\ufeff${baselineText}` });
  add('body: duplicate keys', {
    body: withLeadingKey(baselineText, Object.keys(schema.properties ?? { a: 1 })[0] ?? 'a', '"sweep-duplicate"'),
  });
  add('body: no content-type', { body: baselineText, contentType: null });
  add('body: text/plain', { body: baselineText, contentType: 'text/plain' });
  add('body: form-urlencoded', { body: 'a=1&b[c]=2&__proto__[x]=1', contentType: 'application/x-www-form-urlencoded' });
  add('body: XML', { body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', contentType: 'application/xml' });
  add('body: charset=utf-16', { body: baselineText, contentType: 'application/json; charset=utf-16' });
  add('body: charset=foo', { body: baselineText, contentType: 'application/json; charset=foo' });
  add('body: multipart content-type on JSON', { body: baselineText, contentType: 'multipart/form-data; boundary=x' });
  // Size: under, at and over the limit.
  add('body: 900 KB unknown field', { body: withLeadingKey(baselineText, 'sweepPadding', JSON.stringify('a'.repeat(900 * 1024))) });
  add('body: over the limit', {
    body: withLeadingKey(baselineText, 'sweepPadding', JSON.stringify('a'.repeat(limit + 1024))),
    expect: [413],
  });
  add('body: over the limit, chunked', {
    body: withLeadingKey(baselineText, 'sweepPadding', JSON.stringify('a'.repeat(limit + 1024))),
    chunked: true,
    expect: [413],
  });
  add('body: gzip inflating past the limit', {
    body: gzipSync(utf8(withLeadingKey(baselineText, 'sweepPadding', JSON.stringify(' '.repeat(limit * 4))))),
    headers: { 'content-encoding': 'gzip' },
    expect: [413],
  });
  add('body: valid gzip', { body: gzipSync(utf8(baselineText)), headers: { 'content-encoding': 'gzip' } });
  // Depth: 32 is allowed, anything deeper is a 400; nothing may take the process down.
  add('body: nested 32', { body: nestedArrays(32) });
  for (const depth of [33, 1000, 10_000]) add(`body: nested ${depth}`, { body: nestedArrays(depth), expect: [400] });
  add('body: objects nested 100,000', { body: nestedObjects(100_000), expect: [400] });
  add('body: nested 1,000 inside a property', {
    body: withLeadingKey(baselineText, Object.keys(schema.properties ?? {})[0] ?? 'a', nestedArrays(1000)),
    expect: [400],
  });
  // Encodings that lie.
  for (const enc of ['gzip', 'br', 'deflate', 'foo', 'gzip, br']) {
    add(`body: Content-Encoding ${enc} with plain bytes`, { body: baselineText, headers: { 'content-encoding': enc }, expect: [400, 415] });
  }
  // Extra fields, the prototype's names among them.
  add('extra: unknown field', { body: withLeadingKey(baselineText, 'sweepUnknown', '1') });
  for (const key of ['constructor', 'prototype', '__proto__']) {
    add(`extra: ${key}`, { body: withLeadingKey(baselineText, key, '{"polluted":"yes"}') });
  }
  add('extra: constructor.prototype', { body: withLeadingKey(baselineText, 'constructor', '{"prototype":{"polluted":"yes"}}') });
  // One property at a time: missing, mistyped, null, huge, odd unicode.
  for (const { path, nested } of propertyPaths(doc, schema)) {
    add(`body.${pathLabel(path)} missing`, { body: toJson(withValueAt(baseline, path, MISSING)) });
    for (const [label, text] of nested ? NESTED_VALUE_VARIANTS : VALUE_VARIANTS) {
      add(`body.${pathLabel(path)} = ${label}`, {
        body: toJson(withValueAt(baseline, path, new RawJson(text))),
        expect: MUST_BE_400.has(label) ? [400] : undefined,
      });
    }
  }
  // Each property alone (a PATCH of one field, the way the dashboard sends them).
  for (const name of Object.keys(schema.properties ?? {})) {
    add(`body: only ${name} = null`, { body: `{${JSON.stringify(name)}:null}` });
  }
}

/** Routes without a body still parse one if it comes: the hostile few that used to kill the process. */
function bodilessRouteBodies(ctx: SweepContext, add: Add): void {
  add('unasked body: malformed', { body: '{"a":' });
  add('unasked body: nested 10,000', { body: nestedArrays(10_000) });
  add('unasked body: objects nested 100,000', { body: nestedObjects(100_000) });
  add('unasked body: __proto__', { body: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}' });
  add('unasked body: over the limit', { body: JSON.stringify({ a: 'a'.repeat(ctx.bodyLimitBytes + 1024) }) });
  add('unasked body: Content-Encoding gzip with plain bytes', { body: '{}', headers: { 'content-encoding': 'gzip' } });
  add('unasked body: lone surrogate', { body: '{"a":"\\ud800"}' });
}

const BOUNDARY = 'sweepBoundary7MA4YWxkTrZu0gW';

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  headers?: string;
}

function multipartBody(parts: Part[], boundary = BOUNDARY, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      utf8(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.headers ?? ''}${p.filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`,
      ),
    );
    chunks.push(typeof p.value === 'string' ? utf8(p.value) : p.value, utf8('\r\n'));
  }
  if (close) chunks.push(utf8(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The multipart fields a route documents, with real values, and its file part. */
function multipartParts(doc: OpenApiDocument, raw: Schema | undefined, ctx: SweepContext): { fields: Part[]; file: Part } {
  const schema = resolve(doc, raw);
  const fields: Part[] = [];
  let file: Part = { name: 'file', value: utf8('sweep bytes'), filename: 'sweep.bin' };
  for (const [name, propRaw] of Object.entries(schema.properties ?? {})) {
    const prop = resolve(doc, propRaw);
    if (prop.format === 'binary') file = { name, value: utf8('sweep bytes'), filename: 'sweep.bin' };
    else {
      const value = sampleValue(doc, prop, name, ctx);
      fields.push({ name, value: Array.isArray(value) ? value.join(',') : String(value) });
    }
  }
  return { fields, file };
}

function multipartCase(doc: OpenApiDocument, schema: Schema | undefined, ctx: SweepContext): { body: Buffer; contentType: string } {
  const { fields, file } = multipartParts(doc, schema, ctx);
  return { body: multipartBody([...fields, file]), contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

/** Broken multipart bodies: boundaries, parts, names and field values. */
function multipartCases(doc: OpenApiDocument, schema: Schema | undefined, ctx: SweepContext, add: Add): void {
  const { fields, file } = multipartParts(doc, schema, ctx);
  const type = `multipart/form-data; boundary=${BOUNDARY}`;
  const good = multipartBody([...fields, file]);
  add('multipart: no boundary', { body: good, contentType: 'multipart/form-data' });
  add('multipart: other boundary', { body: good, contentType: 'multipart/form-data; boundary=nope' });
  add('multipart: 200-char boundary', {
    body: multipartBody([...fields, file], 'b'.repeat(200)),
    contentType: `multipart/form-data; boundary=${'b'.repeat(200)}`,
  });
  add('multipart: never closed', { body: multipartBody([...fields, file], BOUNDARY, false), contentType: type });
  add('multipart: cut in a part header', {
    body: Buffer.concat([multipartBody(fields, BOUNDARY, false), utf8(`--${BOUNDARY}\r\nContent-Disposition: form-da`)]),
    contentType: type,
  });
  add('multipart: empty', { body: Buffer.alloc(0), contentType: type });
  add('multipart: only the closing boundary', { body: utf8(`--${BOUNDARY}--\r\n`), contentType: type });
  add('multipart: garbage bytes', { body: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]), contentType: type });
  add('multipart: no file part', { body: multipartBody(fields), contentType: type });
  add('multipart: file part without filename', { body: multipartBody([...fields, { ...file, filename: undefined }]), contentType: type });
  add('multipart: two file parts', { body: multipartBody([...fields, file, file]), contentType: type });
  add('multipart: file before the fields', { body: multipartBody([file, ...fields]), contentType: type });
  add('multipart: 101 fields', {
    body: multipartBody([...fields, ...new Array<Part>(101).fill({ name: 'extra', value: 'x' }), file]),
    contentType: type,
  });
  add('multipart: 20 KB field', {
    body: multipartBody([...fields, { name: 'sweepLong', value: 'a'.repeat(20 * 1024) }, file]),
    contentType: type,
  });
  add('multipart: 200-char field name', {
    body: multipartBody([...fields, { name: 'n'.repeat(200), value: 'x' }, file]),
    contentType: type,
  });
  add('multipart: 10 KB part header', {
    body: multipartBody([...fields, { ...file, headers: `X-Sweep: ${'h'.repeat(10 * 1024)}\r\n` }]),
    contentType: type,
  });
  add('multipart: __proto__ and constructor fields', {
    body: multipartBody([
      ...fields,
      { name: '__proto__', value: 'x' },
      { name: 'constructor', value: 'x' },
      { name: 'prototype', value: 'x' },
      file,
    ]),
    contentType: type,
  });
  for (const [label, filename] of [
    ['traversal', '../../../etc/passwd'],
    ['NUL', 'a\u0000b.bin'],
    ['unicode', '\u202eexe.txt😀'],
    ['1,000 chars', `${'f'.repeat(1000)}.bin`],
    ['empty', ''],
  ]) {
    add(`multipart: filename ${label}`, { body: multipartBody([...fields, { ...file, filename }]), contentType: type });
  }
  add('multipart: Content-Encoding gzip with plain bytes', { body: good, contentType: type, headers: { 'content-encoding': 'gzip' } });
  add('multipart: JSON body', { body: '{"appId":"x"}', contentType: 'application/json' });
  add('multipart: nested JSON body', { body: nestedArrays(10_000), contentType: 'application/json' });
  for (const field of fields) {
    const others = fields.filter((f) => f !== field);
    add(`multipart: ${field.name} missing`, { body: multipartBody([...others, file]), contentType: type });
    const values: Array<[string, string | Buffer]> = [
      ['empty', ''],
      ['x', 'x'],
      ['16 KB', 'a'.repeat(16 * 1024)],
      ['NUL', 'a\u0000b'],
      ['invalid UTF-8', Buffer.from([0xed, 0xa0, 0x80, 0xff])],
      ['RTL and emoji', '\u202e😀'],
      ['JSON', '{"$gt":""}'],
      ['repeated 50 times', 'x'],
    ];
    for (const [label, value] of values) {
      const repeated = label.startsWith('repeated') ? new Array<Part>(50).fill({ name: field.name, value }) : [{ name: field.name, value }];
      add(`multipart: ${field.name} = ${label}`, { body: multipartBody([...others, ...repeated, file]), contentType: type });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sending: raw node:http, so the bytes on the wire are exactly the case's
// ---------------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  contentType: string;
  /** At most the first 8 MB; the rest is drained. */
  body: Buffer;
  /** Set when no answer came (connection refused or reset, timeout). */
  error?: string;
}

const KEEP_BYTES = 8 * 1024 * 1024;

export function send(baseUrl: string, c: SweepCase, agent: Agent, timeoutMs = 10_000): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolveAnswer) => {
    let settled = false;
    const done = (a: Answer) => {
      if (!settled) {
        settled = true;
        resolveAnswer(a);
      }
    };
    const headers: Record<string, string> = { ...c.headers };
    if (c.body && !c.chunked) headers['content-length'] = String(c.body.length);
    if (c.chunked) headers['transfer-encoding'] = 'chunked';
    let req;
    try {
      req = httpRequest({ host: url.hostname, port: url.port, method: c.method, path: c.path, headers, agent, timeout: timeoutMs });
    } catch (err) {
      // The client refused to send it (an invalid header byte): a bug in the case, not the server.
      throw new Error(`sweep case "${c.route.name} ${c.variant}" cannot be sent: ${(err as Error).message}`, { cause: err });
    }
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < KEEP_BYTES) {
          parts.push(chunk);
          kept += chunk.length;
        }
      });
      const finish = () =>
        done({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(parts) });
      res.on('end', finish);
      // An answer that arrived and then lost its connection (413 before the upload ended) still counts.
      res.on('aborted', finish);
      res.on('error', finish);
    });
    req.on('timeout', () => {
      done({ status: 0, contentType: '', body: Buffer.alloc(0), error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      done({ status: 0, contentType: '', body: Buffer.alloc(0), error: err.code ?? err.message }),
    );
    if (c.body && c.chunked) {
      // Several chunks, so a limit must be enforced on the stream, not on a declared length.
      for (let i = 0; i < c.body.length; i += 64 * 1024) req.write(c.body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(c.body);
  });
}

/** Runs `fn` over `items`, at most `concurrency` at once, keeping the order of results. */
export async function inPool<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Judging
// ---------------------------------------------------------------------------------------------

export type ProblemKind = '5xx' | 'non-envelope' | 'unexpected status' | 'no answer' | 'prototype name accepted';

export interface Problem {
  kind: ProblemKind;
  route: string;
  variant: string;
  status: number;
  /** The error code, or the first bytes of the body. */
  excerpt: string;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether the route documents `status` (or, when it does not, its 2xx answers) as the envelope. */
function documentsEnvelope(op: Operation, status: number): boolean {
  const responses = op.responses ?? {};
  const entries = responses[String(status)]
    ? [responses[String(status)]]
    : Object.entries(responses)
        .filter(([s]) => s.startsWith('2'))
        .map(([, r]) => r);
  return entries.some((r) => Object.values(r.content ?? {}).some((m) => m.schema?.properties?.success !== undefined));
}

/** The top-level property names a route documents for its error answers (Axora: authenticated, message). */
function documentedErrorShape(op: Operation, status: number): string[] | undefined {
  const responses = op.responses ?? {};
  const exact = responses[String(status)];
  const candidates = exact
    ? [exact]
    : Object.entries(responses)
        .filter(([s]) => Number(s) >= 400)
        .map(([, r]) => r);
  for (const r of candidates) {
    for (const m of Object.values(r.content ?? {})) {
      if (m.schema?.properties) return Object.keys(m.schema.properties);
    }
  }
  return undefined;
}

function excerptOf(answer: Answer): string {
  const json = parseJson(answer.body);
  if (isObject(json) && isObject(json.error)) return `${String(json.error.code)}: ${String(json.error.message).slice(0, 60)}`;
  if (isObject(json) && typeof json.message === 'string') return json.message.slice(0, 70);
  return answer.body.toString('utf8').replace(/\s+/g, ' ').slice(0, 70) || `(empty, ${answer.contentType || 'no content-type'})`;
}

/** What is wrong with one answer, if anything. */
export function judge(c: SweepCase, answer: Answer): Problem[] {
  const problem = (kind: ProblemKind): Problem => ({
    kind,
    route: c.route.name,
    variant: c.variant,
    status: answer.status,
    excerpt: answer.error ?? excerptOf(answer),
  });
  if (answer.error) return [problem('no answer')];
  const problems: Problem[] = [];
  if (answer.status >= 500) problems.push(problem('5xx'));
  const json = parseJson(answer.body);
  const isJson = /json/i.test(answer.contentType);
  const onV1 = c.path.toLowerCase().startsWith('/v1');
  if (onV1) {
    const error = isObject(json) ? json.error : undefined;
    const success =
      answer.status < 300 &&
      (answer.status === 204 ||
        !documentsEnvelope(c.route.operation, answer.status) ||
        (isJson && isObject(json) && json.success === true && 'data' in json));
    const failure =
      answer.status >= 400 &&
      isJson &&
      isObject(json) &&
      json.success === false &&
      isObject(error) &&
      typeof error.code === 'string' &&
      typeof error.message === 'string';
    if (!success && !failure) problems.push(problem('non-envelope'));
  } else if (answer.status >= 400) {
    const shape = documentedErrorShape(c.route.operation, answer.status);
    if (shape && !(isJson && isObject(json) && shape.every((k) => k in json))) problems.push(problem('non-envelope'));
  }
  if (c.expect && !c.expect.includes(answer.status) && answer.status < 500) problems.push(problem('unexpected status'));
  return problems;
}

/**
 * Per route: `constructor`, `prototype` and `__proto__` must be refused wherever an unknown field
 * is refused (the contract counts them as unknown fields).
 */
export function prototypeNamesProblems(results: Array<{ c: SweepCase; answer: Answer }>): Problem[] {
  const problems: Problem[] = [];
  const byRoute = new Map<string, Array<{ c: SweepCase; answer: Answer }>>();
  for (const r of results) byRoute.set(r.c.route.name, [...(byRoute.get(r.c.route.name) ?? []), r]);
  for (const [route, list] of byRoute) {
    const unknown = list.find((r) => r.c.variant === 'extra: unknown field');
    if (!unknown || unknown.answer.status !== 400) continue;
    for (const r of list.filter((x) => /^extra: (constructor|prototype|__proto__)/.test(x.c.variant))) {
      // Anything but the same refusal means the name got past validation (even a 409 or 404 later on).
      if (r.answer.status !== 400) {
        problems.push({
          kind: 'prototype name accepted',
          route,
          variant: r.c.variant,
          status: r.answer.status,
          excerpt: 'unknown fields are refused here, this one was not',
        });
      }
    }
  }
  return problems;
}

/**
 * At most `maxLines` lines. Problems are grouped by kind, status and answer per route, and routes
 * that failed the same variants the same way share a line (an upper-cased path, on every route).
 */
export function problemTable(problems: Problem[], maxLines = 50): string {
  const byRoute = new Map<string, { p: Problem; variants: string[] }>();
  for (const p of problems) {
    const key = `${p.kind}|${p.route}|${p.status}|${p.excerpt}`;
    const g = byRoute.get(key) ?? { p, variants: [] };
    g.variants.push(p.variant);
    byRoute.set(key, g);
  }
  const lines = new Map<string, { p: Problem; variants: string[]; routes: string[] }>();
  for (const { p, variants } of byRoute.values()) {
    const key = `${p.kind}|${p.status}|${p.excerpt}|${variants.join(';')}`;
    const line = lines.get(key) ?? { p, variants, routes: [] };
    line.routes.push(p.route);
    lines.set(key, line);
  }
  const list = (items: string[], max: number) =>
    items.slice(0, max).join('; ') + (items.length > max ? `; +${items.length - max} more` : '');
  const text = [...lines.values()].map(
    ({ p, variants, routes }) =>
      `${p.kind.padEnd(12)} ${String(p.status).padStart(3)}  ${list(routes, 3)}  [${list(variants, 4)}]  → ${p.excerpt}`,
  );
  if (text.length > maxLines) return [...text.slice(0, maxLines - 1), `… and ${text.length - maxLines + 1} more lines`].join('\n');
  return text.join('\n');
}
