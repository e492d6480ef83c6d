import type {
  GenerateLicensesRequest,
  LicenseBulkRequest,
  GenerateLicensesResponse,
  LicenseResponse,
  LicenseStatus,
  UpdateLicenseRequest,
} from '@keyhold/contracts';
import {
  DEFAULT_LICENSE_MASK,
  LICENSE_STATUSES,
  MAX_LICENSES_PER_CALL,
  SUBSCRIPTION_PATTERN,
  SUBSCRIPTION_RULE,
  MAX_DURATION_DAYS,
  NOTE_MAX_LENGTH,
  OWN_KEYS_FILTER,
} from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsIsoTimestamp, Optional, Nullable } from '../../common/validation';
import { BulkSelectionDto } from '../../common/dto/bulk.dto';
import { CursorPageQueryDto } from '../../common/dto/pagination.dto';

const SUBSCRIPTION_MESSAGE = `subscription must be ${SUBSCRIPTION_RULE}`;

export class GenerateLicensesDto implements GenerateLicensesRequest {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LICENSES_PER_CALL, example: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_LICENSES_PER_CALL)
  count: number;

  @ApiProperty({ nullable: true, type: 'integer', example: 30, description: 'Days from first use; null: lifetime' })
  @IsDefined({ message: 'durationDays is required (null for a lifetime key)' })
  @ValidateIf((o: GenerateLicensesDto) => o.durationDays !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_DAYS)
  durationDays: number | null;

  @ApiProperty({ example: 'premium' })
  @IsString()
  @Matches(SUBSCRIPTION_PATTERN, { message: SUBSCRIPTION_MESSAGE })
  subscription: string;

  @ApiPropertyOptional({
    default: DEFAULT_LICENSE_MASK,
    description: '`X` = one of A-Z0-9; other characters stay as written; at least 8 X',
  })
  @Optional()
  @IsString()
  @MaxLength(64)
  mask?: string;

  @ApiPropertyOptional({ description: 'true: the random characters leave out the look-alikes 0, O, 1 and I' })
  @Optional()
  @IsBoolean()
  readable?: boolean;

  @ApiPropertyOptional({ maxLength: NOTE_MAX_LENGTH, nullable: true }) @Nullable() @IsString() @MaxLength(NOTE_MAX_LENGTH) note?:
    string | null;
}

export class GenerateLicensesResponseDto implements GenerateLicensesResponse {
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], example: ['7KQ2-9ZPL-M4TX-A81C'] }) keys: string[];
}

export class ListLicensesQueryDto extends CursorPageQueryDto {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiPropertyOptional({ enum: LICENSE_STATUSES })
  @Optional()
  @IsIn(LICENSE_STATUSES)
  status?: LicenseStatus;

  @ApiPropertyOptional({
    example: 'rsl_0f6c1d2e3b4a59687766554433221100',
    description: `Only the keys this reseller generated, or \`${OWN_KEYS_FILTER}\`: only your own (made by no reseller). Another seller’s reseller matches nothing.`,
  })
  @Optional()
  @Matches(new RegExp(`^(rsl_[0-9a-f]{32}|${OWN_KEYS_FILTER})$`), {
    message: `resellerId must be a reseller id (rsl_...) or ${OWN_KEYS_FILTER}`,
  })
  resellerId?: string;

  @ApiPropertyOptional({ example: 'usr_0f6c1d2e3b4a59687766554433221100', description: 'Only the key this end user redeemed.' })
  @Optional()
  @Matches(/^usr_[0-9a-f]{32}$/, { message: 'userId must be a user id (usr_...)' })
  userId?: string;
}

/** The CSV export takes the list's filters (status, search, reseller), so it holds what the list shows, all pages. */
export class ExportLicensesQueryDto extends OmitType(ListLicensesQueryDto, ['page', 'limit', 'cursor'] as const) {}

/** A bulk action on keys: the selection, or every key the list's filters (the export's) keep. */
export class LicenseBulkDto extends IntersectionType(BulkSelectionDto, ExportLicensesQueryDto) implements LicenseBulkRequest {}

export class UpdateLicenseDto implements UpdateLicenseRequest {
  @ApiPropertyOptional() @Optional() @IsBoolean() banned?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  banReason?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-12-31T23:59:59Z', description: 'Extend or shorten; null: lifetime' })
  @Nullable()
  @IsIsoTimestamp()
  expiresAt?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  note?: string | null;

  @ApiPropertyOptional({
    description: "true: forget the bound hardware id; for a key a user registered with, the user's too (its `hwid` is always the user's)",
  })
  @Optional()
  @IsBoolean()
  resetHwid?: boolean;
}

class UsedByDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
}

export class LicenseResponseDto implements LicenseResponse {
  @ApiProperty({ example: 'lic_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() appId: string;
  @ApiProperty({ example: '7KQ2-9ZPL-M4TX-A81C' }) key: string;
  @ApiProperty({ enum: LICENSE_STATUSES }) status: LicenseStatus;
  @ApiProperty() subscription: string;
  @ApiProperty({ nullable: true, type: 'integer' }) durationDays: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) hwid: string | null;
  @ApiProperty({ nullable: true, type: UsedByDto }) usedBy: UsedByDto | null;
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty() banned: boolean;
  @ApiProperty({ nullable: true, type: String }) banReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reseller who generated the key (rsl_...); null for your own' })
  resellerId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'That reseller’s username; null for your own keys' })
  resellerUsername: string | null;
  @ApiProperty() createdAt: string;
}
