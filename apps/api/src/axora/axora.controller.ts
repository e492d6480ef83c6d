import { Controller, Get, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public, RateLimit, RawResponse } from '../common/decorators/access.decorators';
import { ClientIp } from '../common/decorators/principal.decorators';
import type { KeyholdRequest } from '../common/request';
import { parseAxoraPath } from './axora-url';
import { AxoraService, AxoraSuccess } from './axora.service';

@Controller('app/auth')
export class AxoraController {
  constructor(private readonly axora: AxoraService) {}

  @Get('*parts')
  @Public()
  // The app counted is the endpoint id in the path, decoded as below; not X-Api-Key, which is
  // ignored here: a random one would buy a fresh budget.
  @RateLimit('client', { app: (req) => ({ endpoint: parseAxoraPath(req.originalUrl)?.endpoint }) })
  @RawResponse()
  @ApiExcludeEndpoint() // documented by hand in axora.openapi.ts: its path has no OpenAPI parameter syntax
  authenticate(@Req() req: KeyholdRequest, @ClientIp() ip: string): Promise<AxoraSuccess> {
    return this.axora.authenticate(req, parseAxoraPath(req.originalUrl), ip);
  }
}
