import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RawResponse } from '../common/decorators/access.decorators';
import { RETRY_AFTER_SECONDS } from '../common/filters/all-exceptions.filter';
import { HealthRepository } from './health.repository';

/** Longest the database check may take: an unreachable host must not hold /health open. */
export const HEALTH_CHECK_TIMEOUT_MS = 3000;

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Get()
  @Public()
  @RawResponse()
  @ApiOperation({
    summary: 'Liveness and database check',
    description: `503 (with \`Retry-After\`) while the database is unreachable or does not answer within ${HEALTH_CHECK_TIMEOUT_MS} ms; 200 again as soon as it is back, without a restart.`,
  })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok', database: 'up' } } })
  @ApiResponse({
    status: 503,
    schema: { example: { status: 'error', database: 'down' } },
    headers: { 'Retry-After': { description: 'Seconds to wait before checking again', schema: { type: 'integer' } } },
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database: string }> {
    if (await this.databaseAnswers()) return { status: 'ok', database: 'up' };
    res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return { status: 'error', database: 'down' };
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
