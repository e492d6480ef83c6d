import { Body, Controller, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RawResponse, ResellerAuth } from '../common/decorators/access.decorators';
import { CurrentReseller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import type { ResellerPrincipal } from '../common/request';
import { ApiEnvelope, ApiErrors } from '../docs/api-envelope.decorator';
import { CreditLedgerService } from './credit-ledger.service';
import {
  ExportResellerKeysQueryDto,
  ListResellerKeysQueryDto,
  ResellerGenerateKeysDto,
  ResellerGenerateKeysResponseDto,
  ResellerKeyResponseDto,
  ResellerProfileDto,
  ResellerStatsResponseDto,
} from './dto/reseller-portal.dto';
import { CreditLedgerEntryDto, LedgerQueryDto } from './dto/reseller.dto';
import { ResellerAuthService } from './reseller-auth.service';
import { ResellerKeysService } from './reseller-keys.service';

@ApiTags('Resellers (reseller)')
@ResellerAuth()
@Controller('v1/reseller')
export class ResellerPortalController {
  constructor(
    private readonly auth: ResellerAuthService,
    private readonly keys: ResellerKeysService,
    private readonly ledgers: CreditLedgerService,
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
      'The same generator as the seller’s: `mask` (default `XXXX-XXXX-XXXX-XXXX`; `X` = one of A-Z0-9, other characters stay, at least 8 X) and `note` (put on every key; your seller sees it too) are checked as the seller’s are. Costs the price of the duration times `count`, debited in the same transaction that creates the keys. A mask that cannot be used is 400 VALIDATION_FAILED; an app you may not sell is 404; a subscription you may not sell or a duration without a price is 403 FORBIDDEN; more than your balance is 403 INSUFFICIENT_CREDITS. A refusal costs nothing and creates nothing.',
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
      'Only keys you generated, in apps you may sell. Status: unused, used, expired, banned; `usedBy` is the end user who redeemed the key. `q` searches the key, its note and that username.',
  })
  @ApiEnvelope(ResellerKeyResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'RESELLER_SUSPENDED', 'UNAUTHORIZED'] })
  list(@CurrentReseller() reseller: ResellerPrincipal, @Query() query: ListResellerKeysQueryDto): Promise<Page<ResellerKeyResponseDto>> {
    return this.keys.list(reseller, query);
  }

  @Get('keys/export')
  @RawResponse()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="keys.csv"')
  @ApiOperation({
    summary: 'Export your keys as CSV',
    description:
      'The keys the list’s filters keep (`appId`, `status`, `q`), every page, oldest first; only keys you generated, in apps you may sell. `app` is the app’s name. Streamed as it is read, 5,000 keys at a time.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'CSV: key,app,status,subscription,durationDays,note,usedBy,activatedAt,expiresAt,createdAt' })
  @ApiErrors('VALIDATION_FAILED', 'NOT_FOUND', 'RESELLER_SUSPENDED', 'UNAUTHORIZED')
  export(@CurrentReseller() reseller: ResellerPrincipal, @Query() query: ExportResellerKeysQueryDto): Promise<StreamableFile> {
    return this.keys.exportCsv(reseller, query);
  }

  @Get('keys/:id')
  @ApiOperation({ summary: 'One of your keys', description: 'Another reseller’s key, or the seller’s own, is 404.' })
  @ApiEnvelope(ResellerKeyResponseDto, { errors: ['NOT_FOUND', 'RESELLER_SUSPENDED', 'UNAUTHORIZED'] })
  get(@CurrentReseller() reseller: ResellerPrincipal, @Param() { id }: IdParamDto): Promise<ResellerKeyResponseDto> {
    return this.keys.get(reseller, id);
  }

  @Get('ledger')
  @ApiOperation({
    summary: 'Your credit history, newest first',
    description:
      'Every change of your balance with the balance after it: top-ups positive, take-backs and spends on keys negative (the note says how many keys; `app` names the app, null once it is deleted). Only your own.',
  })
  @ApiEnvelope(CreditLedgerEntryDto, { list: true, errors: ['VALIDATION_FAILED', 'RESELLER_SUSPENDED', 'UNAUTHORIZED'] })
  ledger(@CurrentReseller() reseller: ResellerPrincipal, @Query() query: LedgerQueryDto): Promise<Page<CreditLedgerEntryDto>> {
    return this.ledgers.page(reseller.resellerId, query);
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
