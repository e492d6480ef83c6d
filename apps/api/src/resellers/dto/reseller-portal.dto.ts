import type {
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
import { LICENSE_STATUSES, MAX_LICENSES_PER_CALL } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { GenerateLicensesDto } from '../../licenses/dto/license.dto';
import { ResellerResponseDto } from './reseller.dto';

export class ResellerLoginDto implements ResellerLoginRequest {
  @ApiProperty({ example: 'bob.sells' }) @IsString() @MinLength(1) @MaxLength(64) username: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(72) password: string;

  @ApiPropertyOptional({
    example: 'sel_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f',
    description: 'The seller whose reseller you are. Needed only when your username and password exist under two sellers.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sellerId?: string;
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

/** The seller's generate body without mask and note (the reseller's keys use the default mask). */
export class ResellerGenerateKeysDto
  extends PickType(GenerateLicensesDto, ['appId', 'count', 'durationDays', 'subscription'] as const)
  implements ResellerGenerateKeysRequest {}

export class ResellerGenerateKeysResponseDto implements ResellerGenerateKeysResponse {
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], example: ['7KQ2-9ZPL-M4TX-A81C'] }) keys: string[];
  @ApiProperty({ type: 'integer', description: 'Credits spent' }) cost: number;
  @ApiProperty({ type: 'integer', description: 'The balance after' }) credits: number;
}

export class ListResellerKeysQueryDto extends PageQueryDto implements ListResellerKeysQuery {
  @ApiPropertyOptional({ description: 'One of the apps you may sell; all of them when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  appId?: string;

  @ApiPropertyOptional({ enum: LICENSE_STATUSES }) @IsOptional() @IsIn(LICENSE_STATUSES) status?: LicenseStatus;
}

class KeyUsedByDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
}

export class ResellerKeyResponseDto implements ResellerKeyResponse {
  @ApiProperty({ example: 'lic_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() appId: string;
  @ApiProperty({ example: '7KQ2-9ZPL-M4TX-A81C' }) key: string;
  @ApiProperty({ enum: LICENSE_STATUSES }) status: LicenseStatus;
  @ApiProperty() subscription: string;
  @ApiProperty({ nullable: true, type: 'integer' }) durationDays: number | null;
  @ApiProperty({ nullable: true, type: KeyUsedByDto, description: 'The end user who redeemed the key' }) usedBy: KeyUsedByDto | null;
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty() createdAt: string;
}

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
