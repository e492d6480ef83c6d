import { applyDecorators, ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { PASSWORD_MAX_BYTES, passwordBytes, ValidationDetail } from '@keyhold/contracts';
import { IsString, ValidateBy, ValidateIf, type ValidationOptions, type ValidatorOptions } from 'class-validator';
import { DomainError } from './errors/domain-error';
import { walkJson } from './json-walk';

const LENIENT = Symbol('keyhold:allow-unknown-fields');

/** Field errors listed in one answer; the first ones are enough to fix a request. */
const MAX_DETAILS = 50;

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
    // A null where none is allowed says all there is to say; the type and length checks that also failed add nothing.
    const constraints = e.constraints?.notNull ? { notNull: e.constraints.notNull } : (e.constraints ?? {});
    const own = Object.values(constraints).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * A field that may be left out, but not sent as `null` (the column cannot be empty): `null` is
 * validated, and refused, like any other wrong value. class-validator's IsOptional skips null.
 */
export const Optional = (): PropertyDecorator =>
  applyDecorators(
    ValidateIf((_, v) => v !== undefined),
    ValidateBy({ name: 'notNull', validator: { validate: (v) => v !== null, defaultMessage: (a) => `${a?.property} cannot be null` } }),
  );

/** A field that may be left out, or sent as `null` to clear it (an expiry, a note, a ban reason). */
export const Nullable = (): PropertyDecorator => ValidateIf((_, v) => v !== undefined && v !== null);

/** A password string of at least `minLength` characters and at most 72 bytes of UTF-8. */
export function IsPassword(minLength: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isPassword',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && [...v].length >= minLength && passwordBytes(v) <= PASSWORD_MAX_BYTES,
        defaultMessage: (a) => `${a?.property} must be at least ${minLength} characters and at most ${PASSWORD_MAX_BYTES} bytes of UTF-8`,
      },
    }),
  );
}

/**
 * Keys that name an object's machinery rather than data. class-transformer skips them silently,
 * so the whitelist never sees them: they are found here and treated as the unknown fields they are.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function reservedKeyPaths(value: unknown): string[] {
  const found: string[] = [];
  walkJson(value, (node, path) => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const key of Object.keys(node)) if (RESERVED_KEYS.has(key)) found.push(path ? `${path}.${key}` : key);
    }
    return true;
  });
  return found;
}

/** The one validation pipe: strict by default, lenient for classes marked AllowUnknownFields. */
export class KeyholdValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // At most MAX_DETAILS: a 1 MB array of wrong items must not become a 30 MB answer.
      exceptionFactory: (errors) =>
        new DomainError('VALIDATION_FAILED', 'Request validation failed', flatten(errors).slice(0, MAX_DETAILS)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const lenient = Boolean(metadata.metatype && (metadata.metatype as unknown as Record<symbol, boolean>)[LENIENT]);
    // Lenient classes drop unknown fields, and class-transformer drops these: only strict ones answer.
    if (!lenient && metadata.type !== 'custom' && value !== null && typeof value === 'object') {
      const reserved = reservedKeyPaths(value);
      if (reserved.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'Request validation failed',
          reserved.map((field) => ({ field, reason: `property ${field.split('.').pop()} should not exist` })),
        );
      }
    }
    return super.transform(value, metadata);
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
