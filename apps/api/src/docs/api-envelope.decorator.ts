import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

/** An OpenAPI schema object (@nestjs/swagger does not export the type by name). */
type SchemaObject = ApiResponseSchemaHost['schema'];
import { ERROR_MESSAGES, ERROR_STATUS, ErrorCode, PAGE_COUNT_CAP } from '@keyhold/contracts';

interface EnvelopeOptions {
  status?: number;
  /**
   * A page of the model: `data` is an array and `meta` has the totals; `'cursor'` for the lists
   * paged by database/page-query.ts (a capped total and `nextCursor`).
   */
  list?: boolean | 'cursor';
  /** An array of the model, whole (no pages, no `meta`). */
  array?: boolean;
  description?: string;
  errors?: ErrorCode[];
}

/** Documents a route's success answer inside the envelope, and the error codes it may answer. */
export function ApiEnvelope(model: Type<unknown> | null, options: EnvelopeOptions = {}) {
  const data: SchemaObject = model
    ? options.list || options.array
      ? { type: 'array', items: { $ref: getSchemaPath(model) } }
      : { $ref: getSchemaPath(model) }
    : { type: 'object', nullable: true };
  const properties: Record<string, SchemaObject> = { success: { type: 'boolean', example: true }, data };
  if (options.list) {
    const meta: Record<string, SchemaObject> = { total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' } };
    if (options.list === 'cursor') {
      meta.total = { type: 'integer', maximum: PAGE_COUNT_CAP, description: `Counted up to ${PAGE_COUNT_CAP}; see totalCapped` };
      meta.totalCapped = { type: 'boolean', description: `true: the list has more than ${PAGE_COUNT_CAP} items ("${PAGE_COUNT_CAP}+")` };
      meta.nextCursor = {
        type: 'string',
        nullable: true,
        description: 'Pass as `?cursor=` for the next page, as fast at any depth as the first; null on the last page',
      };
    }
    properties.meta = { type: 'object', properties: meta };
  }
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiResponse({ status: options.status ?? 200, description: options.description ?? 'Success', schema: { type: 'object', properties } }),
    ApiErrors(...(options.errors ?? [])),
  );
}

/** One documented response per status, listing the codes that status can carry. */
export function ApiErrors(...codes: ErrorCode[]) {
  return applyDecorators(...errorResponses(codes));
}

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return [...byStatus.entries()].map(([status, list]) =>
    ApiResponse({
      status,
      description: list.map((c) => `${c}: ${ERROR_MESSAGES[c]}`).join('; '),
      schema: {
        type: 'object',
        properties: {
          success: { type: 'boolean', example: false },
          error: {
            type: 'object',
            properties: {
              code: { type: 'string', enum: list, example: list[0] },
              message: { type: 'string', example: ERROR_MESSAGES[list[0]] },
              details: {
                type: 'array',
                items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } },
              },
            },
          },
        },
      },
    }),
  );
}
