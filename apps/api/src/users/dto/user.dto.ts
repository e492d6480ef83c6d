import type {
  CreateUserRequest,
  UserBulkRequest,
  EndedSessionResponse,
  UpdateUserRequest,
  UserResponse,
  UserSessionResponse,
  UserStatus,
} from '@keyhold/contracts';
import {
  PASSWORD_MIN_LENGTH,
  USER_STATUSES,
  USERNAME_PATTERN,
  USERNAME_RULE,
  SUBSCRIPTION_PATTERN,
  SUBSCRIPTION_RULE,
  NOTE_MAX_LENGTH,
} from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoTimestamp, Optional, Nullable, IsPassword } from '../../common/validation';
import { CursorPageQueryDto } from '../../common/dto/pagination.dto';
import { IdParamDto } from '../../common/dto/id-param.dto';
import { BulkSelectionDto } from '../../common/dto/bulk.dto';

const USERNAME_MESSAGE = `username must be ${USERNAME_RULE}`;
const SUBSCRIPTION_MESSAGE = `subscription must be ${SUBSCRIPTION_RULE}`;

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiProperty({ example: 'tanish' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ minLength: 1, description: 'At most 72 bytes of UTF-8' }) @IsPassword(PASSWORD_MIN_LENGTH.endUser) password: string;

  @ApiPropertyOptional({ nullable: true, example: 'premium' })
  @Nullable()
  @Matches(SUBSCRIPTION_PATTERN, { message: SUBSCRIPTION_MESSAGE })
  subscription?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-12-31T23:59:59Z', description: 'null: never expires' })
  @Nullable()
  @IsIsoTimestamp()
  expiresAt?: string | null;
}

export class ListUsersQueryDto extends CursorPageQueryDto {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiPropertyOptional({ enum: USER_STATUSES }) @Optional() @IsIn(USER_STATUSES) status?: UserStatus;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ description: 'Ban (also disables the Axora credential) or unban' }) @Optional() @IsBoolean() banned?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  banReason?: string | null;

  @ApiPropertyOptional({ description: 'true: forget the bound hardware id' }) @Optional() @IsBoolean() resetHwid?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @Nullable()
  @IsIsoTimestamp()
  expiresAt?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Nullable()
  @Matches(SUBSCRIPTION_PATTERN, { message: SUBSCRIPTION_MESSAGE })
  subscription?: string | null;

  @ApiPropertyOptional({ minLength: 1, description: "At most 72 bytes of UTF-8; ends the user's sessions" })
  @Optional()
  @IsPassword(PASSWORD_MIN_LENGTH.endUser)
  password?: string;
}

export class UserSessionResponseDto implements UserSessionResponse {
  @ApiProperty({ example: 'ses_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) hwid: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'When a logout, a ban or "end session" ended it' }) endedAt: string | null;
  @ApiProperty({ description: 'Not ended and not expired: its token still works' }) active: boolean;
}

export class EndedSessionResponseDto implements EndedSessionResponse {
  @ApiProperty({ example: 'ses_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ enum: [true] }) ended: true;
}

/** `:id/sessions/:sessionId`. Prefixes and shapes are checked by the service, where a bad one is a 404. */
export class UserSessionParamsDto extends IdParamDto {
  @ApiProperty({ description: 'Public session id (ses_...)' })
  @IsString()
  @MaxLength(64)
  sessionId: string;
}

export class UserResponseDto implements UserResponse {
  @ApiProperty({ example: 'usr_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() appId: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiProperty({ nullable: true, type: String }) hwid: string | null;
  @ApiProperty({ nullable: true, type: String }) subscription: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty() banned: boolean;
  @ApiProperty({ nullable: true, type: String }) banReason: string | null;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastLoginIp: string | null;
  @ApiProperty() createdAt: string;
}

export class UserBulkDto extends BulkSelectionDto implements UserBulkRequest {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiPropertyOptional({ enum: USER_STATUSES }) @Optional() @IsIn(USER_STATUSES) status?: UserStatus;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) q?: string;
}
