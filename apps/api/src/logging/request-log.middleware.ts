import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { requestLogger } from './logger';

/** The root pino logger (logger.ts), provided by AppModule. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** For every route: gives each request its id (req.id) and logs its answer (logger.ts requestLogger). */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly handle: ReturnType<typeof requestLogger>;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.handle = requestLogger(root);
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    this.handle(req, res, next);
  }
}
