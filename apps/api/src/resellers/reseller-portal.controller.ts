import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResellerAuth } from '../common/decorators/access.decorators';
import { CurrentReseller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import type { ResellerPrincipal } from '../common/request';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import {
  ListResellerKeysQueryDto,
  ResellerGenerateKeysDto,
  ResellerGenerateKeysResponseDto,
  ResellerKeyResponseDto,
  ResellerProfileDto,
  ResellerStatsResponseDto,
} from './dto/reseller-portal.dto';
import { ResellerAuthService } from './reseller-auth.service';
import { ResellerKeysService } from './reseller-keys.service';

@ApiTags('Resellers (reseller)')
@ResellerAuth()
@Controller('v1/reseller')
export class ResellerPortalController {
  constructor(
    private readonly auth: ResellerAuthService,
    private readonly keys: ResellerKeysService,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'Your account: balance, and the apps, subscriptions and prices you may sell' })
  @ApiEnvelope(ResellerProfileDto, { errors: ['UNAUTHORIZED', 'RESELLER_SUSPENDED'] })
  me(@CurrentReseller() reseller: ResellerPrincipal): Promise<ResellerProfileDto> {
    return this.auth.me(reseller);
  }

  @Post('keys/generate')
  @ApiOperation({
    summary: 'Generate keys for credits',
    description:
      'The same generator and key format as the seller’s (`XXXX-XXXX-XXXX-XXXX`). Costs the price of the duration times `count`, debited in the same transaction that creates the keys. An app you may not sell is 404; a subscription you may not sell or a duration without a price is 403 FORBIDDEN; more than your balance is 403 INSUFFICIENT_CREDITS. A refusal costs nothing and creates nothing.',
  })
  @ApiEnvelope(ResellerGenerateKeysResponseDto, {
    status: 201,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'INSUFFICIENT_CREDITS', 'RESELLER_SUSPENDED', 'UNAUTHORIZED'],
  })
  generate(@CurrentReseller() reseller: ResellerPrincipal, @Body() dto: ResellerGenerateKeysDto): Promise<ResellerGenerateKeysResponseDto> {
    return this.keys.generate(reseller, dto);
  }

  @Get('keys')
  @ApiOperation({
    summary: 'Your keys, newest first',
    description:
      'Only keys you generated, in apps you may sell. Status: unused, used, expired, banned; `usedBy` is the end user who redeemed the key. `q` searches the key and that username.',
  })
  @ApiEnvelope(ResellerKeyResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RESELLER_SUSPENDED', 'UNAUTHORIZED'] })
  list(@CurrentReseller() reseller: ResellerPrincipal, @Query() query: ListResellerKeysQueryDto): Promise<Page<ResellerKeyResponseDto>> {
    return this.keys.list(reseller, query);
  }

  @Get('keys/:id')
  @ApiOperation({ summary: 'One of your keys', description: 'Another reseller’s key, or the seller’s own, is 404.' })
  @ApiEnvelope(ResellerKeyResponseDto, { errors: ['NOT_FOUND', 'RESELLER_SUSPENDED', 'UNAUTHORIZED'] })
  get(@CurrentReseller() reseller: ResellerPrincipal, @Param() { id }: IdParamDto): Promise<ResellerKeyResponseDto> {
    return this.keys.get(reseller, id);
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Your numbers',
    description:
      'Balance; keys generated, used (redeemed) and active (used, unexpired, unbanned); keys generated and used per day over the last 30 days (UTC dates, oldest first).',
  })
  @ApiEnvelope(ResellerStatsResponseDto, { errors: ['RESELLER_SUSPENDED', 'UNAUTHORIZED'] })
  stats(@CurrentReseller() reseller: ResellerPrincipal): Promise<ResellerStatsResponseDto> {
    return this.keys.stats(reseller);
  }
}
