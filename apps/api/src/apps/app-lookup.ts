import { Injectable } from '@nestjs/common';
import { AppEntity } from './app.entity';
import { AppsRepository } from './apps.repository';

/**
 * The app an end-user request names (by API key or Axora endpoint), looked up once per request:
 * the rate-limit guard needs it for the budget and the client authenticator for the principal,
 * and both ask here, so a client login costs one lookup. Keyed weakly by the request object, so
 * nothing outlives the request and nothing is written onto it.
 */
@Injectable()
export class AppLookup {
  private readonly byRequest = new WeakMap<object, Map<string, Promise<AppEntity | null>>>();

  constructor(private readonly apps: AppsRepository) {}

  byApiKey(req: object, apiKey: string): Promise<AppEntity | null> {
    return this.once(req, `key:${apiKey}`, () => this.apps.findByApiKey(apiKey));
  }

  byEndpoint(req: object, endpoint: string): Promise<AppEntity | null> {
    return this.once(req, `endpoint:${endpoint}`, () => this.apps.findByEndpoint(endpoint));
  }

  private once(req: object, name: string, find: () => Promise<AppEntity | null>): Promise<AppEntity | null> {
    let found = this.byRequest.get(req);
    if (!found) this.byRequest.set(req, (found = new Map<string, Promise<AppEntity | null>>()));
    let app = found.get(name);
    if (!app) found.set(name, (app = find()));
    return app;
  }
}
