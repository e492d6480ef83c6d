import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, INTEGRATION_KEY, RATE_LIMIT_KEY } from '../../src/common/decorators/access.decorators';
import { createTestApp, TestApp } from '../utils/test-app';
import { ROUTE_ACCESS } from './route-access.list';

/** Every route with its declared access and rate limit, read from the live application. */
function declaredRoutes(t: TestApp): string[] {
  const rows: string[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => object) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        const declared = Reflect.getMetadata(ACCESS_KEY, handler) ?? Reflect.getMetadata(ACCESS_KEY, ctrl) ?? 'NONE';
        // Routes a store integration key may call too (@StoreIntegration) say so: `seller+integration`.
        const integration = Reflect.getMetadata(INTEGRATION_KEY, handler) ?? Reflect.getMetadata(INTEGRATION_KEY, ctrl);
        const access = integration ? `${declared}+integration` : declared;
        const limit = Reflect.getMetadata(RATE_LIMIT_KEY, handler) ?? Reflect.getMetadata(RATE_LIMIT_KEY, ctrl) ?? 'api';
        rows.push(`${RequestMethod[method]} ${path} ${access} ${limit}`);
      }
    }
  }
  return rows.sort();
}

describe('route access list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches the reviewed list: a change of access shows up as a diff here', () => {
    expect(declaredRoutes(t)).toEqual([...ROUTE_ACCESS].sort());
  });

  it('no route is left without a declaration', () => {
    expect(declaredRoutes(t).filter((r) => r.includes(' NONE '))).toEqual([]);
  });
});
