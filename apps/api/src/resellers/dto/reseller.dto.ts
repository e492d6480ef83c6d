import type {
  AdjustCreditsRequest,
  AdjustCreditsResponse,
  CreateResellerRequest,
  CreditLedgerEntry,
  ListLedgerQuery,
  ListResellersQuery,
  ResellerPrice,
  ResellerResponse,
  ResellerStatus,
  UpdateResellerRequest,
} from '@keyhold/contracts';
import {
  MAX_CREDITS_AMOUNT,
  PASSWORD_MIN_LENGTH,
  RESELLER_STATUSES,
  RESELLER_USERNAME_PATTERN,
  RESELLER_USERNAME_RULE,
  SUBSCRIPTION_PATTERN,
  SUBSCRIPTION_RULE,
  MAX_DURATION_DAYS,
  NOTE_MAX_LENGTH,
} from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Nullable, Optional, IsPassword } from '../../common/validation';
import { CursorPageQueryDto, PaginationDto } from '../../common/dto/pagination.dto';

const USERNAME_MESSAGE = `username must be ${RESELLER_USERNAME_RULE}`;
const SUBSCRIPTION_MESSAGE = `each subscription must be ${SUBSCRIPTION_RULE}`;

export class ResellerPriceDto implements ResellerPrice {
  @ApiProperty({ nullable: true, type: 'integer', example: 30, description: 'Days from first use; null prices a lifetime key' })
  @IsDefined({ message: 'durationDays is required (null for a lifetime key)' })
  @ValidateIf((o: ResellerPriceDto) => o.durationDays !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_DAYS)
  durationDays: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_CREDITS_AMOUNT, example: 5, description: 'Credits per key' })
  @IsInt()
  @Min(0)
  @Max(MAX_CREDITS_AMOUNT)
  credits: number;
}

class ResellerPermissionsDto {
  @ApiProperty({
    type: [String],
    example: ['app_0f6c1d2e3b4a59687766554433221100'],
    description: 'Your apps the reseller may sell keys of',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  appIds: string[];

  @ApiProperty({ type: [String], example: ['premium'], description: 'The subscriptions the reseller may put on a key' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(SUBSCRIPTION_PATTERN, { each: true, message: SUBSCRIPTION_MESSAGE })
  subscriptions: string[];

  @ApiProperty({ type: [ResellerPriceDto], description: 'One price per duration; a duration without a price cannot be sold' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResellerPriceDto)
  prices: ResellerPriceDto[];
}

export class CreateResellerDto extends ResellerPermissionsDto implements CreateResellerRequest {
  @ApiProperty({ example: 'bob.sells', description: 'Unique among your resellers (case-insensitive)' })
  @IsString()
  @Matches(RESELLER_USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ minLength: 8, description: 'At most 72 bytes of UTF-8' })
  @IsPassword(PASSWORD_MIN_LENGTH.reseller)
  password: string;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: MAX_CREDITS_AMOUNT, description: 'Opening balance' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_CREDITS_AMOUNT)
  credits?: number;
}

export class UpdateResellerDto implements UpdateResellerRequest {
  @ApiPropertyOptional({ enum: RESELLER_STATUSES, description: 'SUSPENDED stops the reseller’s tokens at once' })
  @Optional()
  @IsIn(RESELLER_STATUSES)
  status?: ResellerStatus;

  @ApiPropertyOptional({ minLength: 8, description: 'A new password (at most 72 bytes of UTF-8); tokens issued before it stop working' })
  @Optional()
  @IsPassword(PASSWORD_MIN_LENGTH.reseller)
  password?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the list' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  appIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Replaces the list' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(SUBSCRIPTION_PATTERN, { each: true, message: SUBSCRIPTION_MESSAGE })
  subscriptions?: string[];

  @ApiPropertyOptional({ type: [ResellerPriceDto], description: 'Replaces the list' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResellerPriceDto)
  prices?: ResellerPriceDto[];
}

export class ListResellersQueryDto extends CursorPageQueryDto implements ListResellersQuery {
  @ApiPropertyOptional({ enum: RESELLER_STATUSES }) @Optional() @IsIn(RESELLER_STATUSES) status?: ResellerStatus;

  @ApiPropertyOptional({
    example: 'app_0f6c1d2e3b4a59687766554433221100',
    description: 'Only the resellers who may sell this app of yours (another seller’s app is 404)',
  })
  @Optional()
  @IsString()
  @MaxLength(64)
  appId?: string;
}

/** `?page=&limit=` (the ledger has nothing to search). */
export class LedgerQueryDto extends PaginationDto implements ListLedgerQuery {}

export class AdjustCreditsDto implements AdjustCreditsRequest {
  @ApiProperty({
    type: 'integer',
    example: 500,
    minimum: -MAX_CREDITS_AMOUNT,
    maximum: MAX_CREDITS_AMOUNT,
    description: 'Positive adds credits, negative takes them back (never below a balance of 0)',
  })
  @IsInt()
  @NotEquals(0, { message: 'amount must not be 0' })
  @Min(-MAX_CREDITS_AMOUNT)
  @Max(MAX_CREDITS_AMOUNT)
  amount: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX_LENGTH, nullable: true, example: 'Paid invoice #42' })
  @Nullable()
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  note?: string | null;
}

export class ResellerResponseDto implements ResellerResponse {
  @ApiProperty({ example: 'rsl_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ example: 'bob.sells' }) username: string;
  @ApiProperty({ enum: RESELLER_STATUSES }) status: ResellerStatus;
  @ApiProperty({ type: 'integer', description: 'Credit balance' }) credits: number;
  @ApiProperty({ type: [String] }) appIds: string[];
  @ApiProperty({ type: [String] }) subscriptions: string[];
  @ApiProperty({ type: [ResellerPriceDto], description: 'By duration, lifetime last' }) prices: ResellerPriceDto[];
  @ApiProperty() createdAt: string;
}

class LedgerAppDto {
  @ApiProperty({ example: 'app_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ example: 'My App', description: 'The app’s name now' }) name: string;
}

export class CreditLedgerEntryDto implements CreditLedgerEntry {
  @ApiProperty({ example: 'cle_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ type: 'integer', description: 'Positive: a top-up; negative: a take-back or a spend on keys' }) amount: number;
  @ApiProperty({ type: 'integer' }) balanceAfter: number;
  @ApiProperty({ nullable: true, type: String, example: 'Generated 5 keys (30 days, premium) for app_...' }) note: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: LedgerAppDto,
    description:
      'On ledger lists: the app a spend bought keys of; null for top-ups and take-backs, and for an app deleted since (the note still names its id)',
  })
  app?: LedgerAppDto | null;
  @ApiProperty() createdAt: string;
}

export class AdjustCreditsResponseDto implements AdjustCreditsResponse {
  @ApiProperty({ type: 'integer', description: 'The balance after the change' }) credits: number;
  @ApiProperty({ type: CreditLedgerEntryDto }) entry: CreditLedgerEntryDto;
}
