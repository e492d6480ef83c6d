import { APP_VERSION_PATTERN, APP_VERSION_RULE, NAME_MAX_LENGTH, OFFLINE_TTL_HOURS } from '@keyhold/contracts';
import type {
  AppResponse,
  AppStatsResponse,
  AppStatus,
  CreateAppRequest,
  CreatedAppResponse,
  DeletedResponse,
  UpdateAppRequest,
} from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Optional } from '../../common/validation';

const VERSION_MESSAGE = `version must be ${APP_VERSION_RULE}`;

export class CreateAppDto implements CreateAppRequest {
  @ApiProperty({ example: 'My App', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  name: string;

  @ApiPropertyOptional({ example: '1.0.0', default: '1.0.0' })
  @Optional()
  @IsString()
  @Matches(APP_VERSION_PATTERN, { message: VERSION_MESSAGE })
  version?: string;
}

export class UpdateAppDto implements UpdateAppRequest {
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(NAME_MAX_LENGTH) name?: string;

  @ApiPropertyOptional({ example: '1.2.0' })
  @Optional()
  @IsString()
  @Matches(APP_VERSION_PATTERN, { message: VERSION_MESSAGE })
  version?: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'DISABLED'] }) @Optional() @IsIn(['ACTIVE', 'DISABLED']) status?: AppStatus;

  @ApiPropertyOptional({
    description:
      'Refuse clients whose version differs from `version` (426 UPDATE_REQUIRED): the `version` field of client logins, registrations and license logins (a missing one too), and the version part of the Axora URL',
  })
  @Optional()
  @IsBoolean()
  enforceVersion?: boolean;

  @ApiPropertyOptional({ description: 'Restrict login access to a single device per user account' })
  @Optional()
  @IsBoolean()
  hwidLock?: boolean;

  @ApiPropertyOptional({ description: 'Allow POST /v1/client/register' })
  @Optional()
  @IsBoolean()
  registrationEnabled?: boolean;

  @ApiPropertyOptional({ description: 'Hand out offline licenses (POST /v1/client/offline)' })
  @Optional()
  @IsBoolean()
  offlineEnabled?: boolean;

  @ApiPropertyOptional({
    minimum: OFFLINE_TTL_HOURS.min,
    maximum: OFFLINE_TTL_HOURS.max,
    description: "How long an offline license lasts, in hours; never past the license's own expiry",
  })
  @Optional()
  @IsInt()
  @Min(OFFLINE_TTL_HOURS.min)
  @Max(OFFLINE_TTL_HOURS.max)
  offlineTtlHours?: number;
}

class AppCountDto {
  @ApiProperty() appUsers: number;
  @ApiProperty() licenses: number;
}

export class AppResponseDto implements AppResponse {
  @ApiProperty({ example: 'app_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ example: 'My App' }) name: string;
  @ApiProperty({ example: 'ak_Zm9vYmFyYmF6cXV4cXV1eA', description: 'Public app identifier sent as X-Api-Key' }) apiKey: string;
  @ApiProperty({ example: '1.0.0' }) version: string;
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] }) status: AppStatus;
  @ApiProperty({ type: AppCountDto }) _count: AppCountDto;
  @ApiProperty() enforceVersion: boolean;
  @ApiProperty() hwidLock: boolean;
  @ApiProperty() registrationEnabled: boolean;
  @ApiProperty() offlineEnabled: boolean;
  @ApiProperty({ example: OFFLINE_TTL_HOURS.default }) offlineTtlHours: number;
  @ApiProperty({ example: 'aSJpwdxP8n90xbFv1Rs2', description: 'Axora endpoint id' }) endpoint: string;
  @ApiProperty() createdAt: string;
}

export class CreatedAppResponseDto extends AppResponseDto implements CreatedAppResponse {
  @ApiProperty({ example: 'as_...', description: 'Shown once; stored encrypted' }) apiSecret: string;
}

export class DeletedResponseDto implements DeletedResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: true }) deleted: true;
}

class UserCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() active: number;
  @ApiProperty() expired: number;
  @ApiProperty() banned: number;
}

class LicenseCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() unused: number;
  @ApiProperty() used: number;
  @ApiProperty() expired: number;
  @ApiProperty() banned: number;
}

class DayCountDto {
  @ApiProperty({ example: '2026-11-25' }) date: string;
  @ApiProperty() logins: number;
  @ApiProperty() registrations: number;
}

export class AppStatsResponseDto implements AppStatsResponse {
  @ApiProperty({ type: UserCountsDto }) users: UserCountsDto;
  @ApiProperty({ type: LicenseCountsDto }) licenses: LicenseCountsDto;
  @ApiProperty({ type: [DayCountDto], description: 'Last 30 days, oldest first (UTC)' }) perDay: DayCountDto[];
}
