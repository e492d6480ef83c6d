import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import {
  AdjustCreditsDto,
  AdjustCreditsResponseDto,
  CreateResellerDto,
  CreditLedgerEntryDto,
  LedgerQueryDto,
  ListResellersQueryDto,
  ResellerResponseDto,
  UpdateResellerDto,
} from './dto/reseller.dto';
import { ResellersService } from './resellers.service';

@ApiTags('Resellers (seller)')
@SellerAuth()
@Controller('v1/admin/resellers')
export class ResellersController {
  constructor(private readonly resellers: ResellersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a reseller account',
    description:
      'Choose the apps, subscriptions and durations the reseller may sell, with a price in credits per key for each duration (`durationDays: null` prices lifetime keys). A duration without a price cannot be sold. `credits` is the opening balance (a ledger entry). Usernames are unique among your resellers, case-insensitively.',
  })
  @ApiEnvelope(ResellerResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'USERNAME_TAKEN', 'UNAUTHORIZED'] })
  create(@CurrentSeller() sellerId: string, @Body() dto: CreateResellerDto): Promise<ResellerResponseDto> {
    return this.resellers.create(sellerId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List your resellers', description: '`q` searches the username; newest first.' })
  @ApiEnvelope(ResellerResponseDto, { list: 'cursor', errors: ['VALIDATION_FAILED', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() query: ListResellersQueryDto): Promise<Page<ResellerResponseDto>> {
    return this.resellers.list(sellerId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a reseller' })
  @ApiEnvelope(ResellerResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<ResellerResponseDto> {
    return this.resellers.get(sellerId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Suspend or reactivate, reset the password, change what the reseller may sell',
    description:
      'SUSPENDED refuses the reseller everywhere at once (403 RESELLER_SUSPENDED), its login too. A new password ends the tokens issued before it. `appIds`, `subscriptions` and `prices` each replace the previous list.',
  })
  @ApiEnvelope(ResellerResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  update(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto, @Body() dto: UpdateResellerDto): Promise<ResellerResponseDto> {
    return this.resellers.update(sellerId, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a reseller',
    description: 'The keys it generated stay; their `resellerId` becomes null. Its ledger is deleted.',
  })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.resellers.remove(sellerId, id);
  }

  @Post(':id/credits')
  @ApiOperation({
    summary: 'Add or take back credits',
    description:
      'A positive `amount` adds credits, a negative one takes them back; the balance never goes below 0 (403 INSUFFICIENT_CREDITS, nothing changes). Answers the new balance and the ledger entry written for it.',
  })
  @ApiEnvelope(AdjustCreditsResponseDto, {
    status: 201,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'INSUFFICIENT_CREDITS', 'UNAUTHORIZED'],
  })
  adjustCredits(
    @CurrentSeller() sellerId: string,
    @Param() { id }: IdParamDto,
    @Body() dto: AdjustCreditsDto,
  ): Promise<AdjustCreditsResponseDto> {
    return this.resellers.adjustCredits(sellerId, id, dto);
  }

  @Get(':id/ledger')
  @ApiOperation({
    summary: "The reseller's credit ledger, newest first",
    description:
      'Every balance change with the balance after it: top-ups positive, take-backs and spends on keys negative (the note says how many keys).',
  })
  @ApiEnvelope(CreditLedgerEntryDto, { list: true, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  ledger(
    @CurrentSeller() sellerId: string,
    @Param() { id }: IdParamDto,
    @Query() query: LedgerQueryDto,
  ): Promise<Page<CreditLedgerEntryDto>> {
    return this.resellers.ledgerOf(sellerId, id, query);
  }
}
