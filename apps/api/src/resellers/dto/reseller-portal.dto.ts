import type {
  ExportResellerKeysQuery,
  LicenseStatus,
  ListResellerKeysQuery,
  ResellerAuthResponse,
  ResellerGenerateKeysRequest,
  ResellerGenerateKeysResponse,
  ResellerKeyResponse,
  ResellerLoginRequest,
  ResellerProfile,
  ResellerStatsResponse,
} from '@keyhold/contracts';
import { LICENSE_STATUSES } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional, IsPassword } from '../../common/validation';
import { CursorPageQueryDto } from '../../common/dto/pagination.dto';
import { GenerateLicensesDto, LicenseResponseDto } from '../../licenses/dto/license.dto';
import { ResellerResponseDto } from './reseller.dto';

export class ResellerLoginDto implements ResellerLoginRequest {
  @ApiProperty({ example: 'bob.sells' }) @IsString() @MinLength(1) @MaxLength(64) username: string;

  @ApiProperty({ description: 'At most 72 bytes of UTF-8' }) @IsPassword(1) password: string;

  @ApiProperty({
    example: 'sel_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f',
    description: "The seller whose reseller you are (usernames are unique per seller); the seller's portal link carries it.",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  sellerId: string;
}

class ResellerAppDto {
  @ApiProperty({ example: 'app_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ example: 'My App' }) name: string;
}

export class ResellerProfileDto extends ResellerResponseDto implements ResellerProfile {
  @ApiProperty({ example: 'sel_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f' }) sellerId: string;
  @ApiProperty({ type: [ResellerAppDto], description: 'The apps you may sell keys of' }) apps: ResellerAppDto[];
}

export class ResellerAuthResponseDto implements ResellerAuthResponse {
  @ApiProperty({ description: 'Reseller bearer token' }) token: string;
  @ApiProperty({ type: ResellerProfileDto }) reseller: ResellerProfileDto;
}

/** The seller's generate body, validated alike: mask and note are optional (the default mask, no note). */
export class ResellerGenerateKeysDto
  extends PickType(GenerateLicensesDto, ['appId', 'count', 'durationDays', 'subscription', 'mask', 'readable', 'note'] as const)
  implements ResellerGenerateKeysRequest {}

export class ResellerGenerateKeysResponseDto implements ResellerGenerateKeysResponse {
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], example: ['7KQ2-9ZPL-M4TX-A81C'] }) keys: string[];
  @ApiProperty({ type: 'integer', description: 'Credits spent' }) cost: number;
  @ApiProperty({ type: 'integer', description: 'The balance after' }) credits: number;
}

export class ListResellerKeysQueryDto extends CursorPageQueryDto implements ListResellerKeysQuery {
  @ApiPropertyOptional({ description: 'One of the apps you may sell; all of them when left out' })
  @Optional()
  @IsString()
  @MaxLength(64)
  appId?: string;

  @ApiPropertyOptional({ enum: LICENSE_STATUSES }) @Optional() @IsIn(LICENSE_STATUSES) status?: LicenseStatus;
}

/** The CSV export takes the list's filters (app, status, search), so it holds what the list shows, all pages. */
export class ExportResellerKeysQueryDto
  extends OmitType(ListResellerKeysQueryDto, ['page', 'limit', 'cursor'] as const)
  implements ExportResellerKeysQuery {}

/** A key as its reseller sees it: the seller's view without hardware id, ban and reseller. */
export class ResellerKeyResponseDto
  extends PickType(LicenseResponseDto, [
    'id',
    'appId',
    'key',
    'status',
    'subscription',
    'durationDays',
    'note',
    'usedBy',
    'activatedAt',
    'expiresAt',
    'createdAt',
  ] as const)
  implements ResellerKeyResponse {}

class ResellerDayDto {
  @ApiProperty({ example: '2026-11-25' }) date: string;
  @ApiProperty() generated: number;
  @ApiProperty() used: number;
}

export class ResellerStatsResponseDto implements ResellerStatsResponse {
  @ApiProperty({ type: 'integer' }) credits: number;
  @ApiProperty() keysGenerated: number;
  @ApiProperty({ description: 'Keys redeemed, whatever happened to them since' }) keysUsed: number;
  @ApiProperty({ description: 'Used, unexpired and unbanned' }) keysActive: number;
  @ApiProperty({ type: [ResellerDayDto], description: 'Last 30 days, oldest first (UTC)' }) perDay: ResellerDayDto[];
}
