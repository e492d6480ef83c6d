import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationDetail } from '@keyhold/contracts';
import type { ValidatorOptions } from 'class-validator';
import { DomainError } from './errors/domain-error';

const LENIENT = Symbol('keyhold:allow-unknown-fields');

/**
 * Class decorator for client DTOs: unknown fields are dropped instead of rejected, so an older
 * server keeps working with a newer client (contract). Seller and reseller DTOs stay strict.
 */
export const AllowUnknownFields = (): ClassDecorator => (target) => {
  Object.defineProperty(target, LENIENT, { value: true });
};

function flatten(errors: ValidationError[], parent = ''): ValidationDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The one validation pipe: strict by default, lenient for classes marked AllowUnknownFields. */
export class KeyholdValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', 'Request validation failed', flatten(errors)),
    });
  }

  protected override validate(object: object, options?: ValidatorOptions) {
    const lenient = Boolean(object && (object.constructor as unknown as Record<symbol, boolean>)[LENIENT]);
    return super.validate(object, lenient ? { ...options, forbidNonWhitelisted: false } : options);
  }
}
