import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppLookup } from '../apps/app-lookup';
import { ClientAuth, Public, RawResponse } from '../common/decorators/access.decorators';
import { CurrentClient } from '../common/decorators/principal.decorators';
import { notFound } from '../common/errors/domain-error';
import type { ClientPrincipal, KeyholdRequest } from '../common/request';
import { ApiErrors } from '../docs/api-envelope.decorator';
import { EndpointParamDto, JsonWebKeySetDto } from './dto/signing-key.dto';
import { SigningKeysService } from './signing-keys.service';

const JWKS_DESCRIPTION =
  "The app's published Ed25519 keys (active, next and previous) as a JWK Set (RFC 7517, OKP keys of RFC 8037), not enveloped. Pin it in your software to verify every answer's `Signature` (RFC 9421) and offline licenses.";

@Controller()
export class JwksController {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly apps: AppLookup,
  ) {}

  @Get('v1/client/jwks')
  @ApiTags('Client API')
  @ClientAuth()
  @RawResponse()
  @ApiOperation({ summary: "The app's public signing keys (JWK Set)", description: JWKS_DESCRIPTION })
  @ApiResponse({ status: 200, type: JsonWebKeySetDto, description: 'The JWK Set' })
  @ApiErrors('INVALID_KEY', 'APP_DISABLED', 'RATE_LIMITED')
  client(@CurrentClient() c: ClientPrincipal): Promise<JsonWebKeySetDto> {
    return this.keys.jwks(c.appId);
  }

  @Get('app/jwks/:endpoint')
  @ApiTags('Axora')
  @Public()
  @RawResponse()
  @ApiOperation({ summary: "An Axora app's public signing keys (JWK Set)", description: JWKS_DESCRIPTION })
  @ApiResponse({ status: 200, type: JsonWebKeySetDto, description: 'The JWK Set' })
  @ApiErrors('NOT_FOUND', 'RATE_LIMITED')
  async axora(@Req() req: KeyholdRequest, @Param() { endpoint }: EndpointParamDto): Promise<JsonWebKeySetDto> {
    const app = await this.apps.byEndpoint(req, endpoint);
    if (!app) throw notFound('No app has this endpoint');
    return this.keys.jwks(app.id);
  }
}
