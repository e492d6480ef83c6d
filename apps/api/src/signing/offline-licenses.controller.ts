import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientSessionAuth } from '../common/decorators/access.decorators';
import { CurrentClient } from '../common/decorators/principal.decorators';
import type { ClientPrincipal } from '../common/request';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { OfflineLicenseResponseDto } from './dto/signing-key.dto';
import { OfflineLicensesService } from './offline-licenses.service';

@ApiTags('Client API')
@Controller('v1/client/offline')
export class OfflineLicensesController {
  constructor(private readonly offline: OfflineLicensesService) {}

  @Post()
  @ClientSessionAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: 'An offline license for this session (JWS)',
    description:
      "With the app's `offlineEnabled` on: a JWS signed with the app's active key (verify it with any JOSE library and the JWK Set) whose claims are `iss` (app id), `sub` (`usr_...` or `lic_...`), `hwid` (the bound hardware id, or null), `subscription`, `licenseExpiresAt`, `iat`, `nbf`, `exp` (iat plus `offlineTtlHours`, never past the license's own expiry) and `jti`. Off: 403 FORBIDDEN.",
  })
  @ApiEnvelope(OfflineLicenseResponseDto, { errors: ['INVALID_KEY', 'APP_DISABLED', 'UNAUTHORIZED', 'FORBIDDEN'] })
  issue(@CurrentClient() c: ClientPrincipal): Promise<OfflineLicenseResponseDto> {
    return this.offline.issue(c);
  }
}
