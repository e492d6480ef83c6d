import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationDetail } from '@keyhold/contracts';
import { ValidateBy, type ValidationOptions, type ValidatorOptions } from 'class-validator';
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

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses, and its calendar date exists (JavaScript would roll 2026-02-30 over into March). */
function isRealInstant(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth && !Number.isNaN(Date.parse(value));
}

/** A full ISO 8601 date-time with a zone (`2026-12-31T23:59:59Z`) that is a real instant. */
export function IsIsoTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoTimestamp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ISO_TIMESTAMP.test(value) && isRealInstant(value),
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 date-time with a time zone, e.g. 2026-12-31T23:59:59Z`,
      },
    },
    options,
  );
}
