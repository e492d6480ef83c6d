import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RawResponse } from '../common/decorators/access.decorators';
import { RETRY_AFTER_SECONDS } from '../common/filters/all-exceptions.filter';
import type { DatabaseHandle } from '../database/database-options';
import { DATABASE_HANDLE } from '../database/database.module';
import { VERSION } from '../version';
import { HealthRepository } from './health.repository';

/** Longest the database check may take: an unreachable host must not hold /health open. */
export const HEALTH_CHECK_TIMEOUT_MS = 3000;

/** GET /health. `status` and `database` keep their first meaning; the rest was added for operators. */
export interface HealthAnswer {
  status: 'ok' | 'error';
  /** Whether the database answered `SELECT 1` within the time limit. */
  database: 'up' | 'down';
  /** `embedded` (PGlite in DATA_DIR) or `postgres` (DATABASE_URL). */
  databaseKind: DatabaseHandle['kind'];
  version: string;
  /** Whole seconds since this process started serving. */
  uptimeSeconds: number;
}

const EXAMPLE = { databaseKind: 'embedded', version: VERSION, uptimeSeconds: 3600 };

@ApiTags('Health')
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly health: HealthRepository,
    @Inject(DATABASE_HANDLE) private readonly database: DatabaseHandle,
  ) {}

  @Get()
  @Public()
  @RawResponse()
  @ApiOperation({
    summary: 'Liveness, database check, version and uptime',
    description: `503 (with \`Retry-After\`) while the database is unreachable or does not answer within ${HEALTH_CHECK_TIMEOUT_MS} ms; 200 again as soon as it is back, without a restart.`,
  })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok', database: 'up', ...EXAMPLE } } })
  @ApiResponse({
    status: 503,
    schema: { example: { status: 'error', database: 'down', ...EXAMPLE } },
    headers: { 'Retry-After': { description: 'Seconds to wait before checking again', schema: { type: 'integer' } } },
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthAnswer> {
    const about = {
      databaseKind: this.database.kind,
      version: VERSION,
      uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000),
    };
    if (await this.databaseAnswers()) return { status: 'ok', database: 'up', ...about };
    res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return { status: 'error', database: 'down', ...about };
  }

  /** The database's answer within the time limit; a late answer still returns its connection to the pool. */
  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS)));
    try {
      return await Promise.race([this.health.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
