import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { RAW_RESPONSE_KEY } from '../decorators/access.decorators';
import { Page } from '../page';

/** Wraps every handler's return value in `{success: true, data}` (and `meta` for a Page). */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE_KEY, [context.getHandler(), context.getClass()]);
    if (raw) return next.handle();
    return next
      .handle()
      .pipe(
        map((value: unknown) =>
          value instanceof Page ? { success: true, data: value.items, meta: value.meta } : { success: true, data: value ?? null },
        ),
      );
  }
}
