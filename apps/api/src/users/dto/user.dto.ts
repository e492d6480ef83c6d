import type { CreateUserRequest, UpdateUserRequest, UserResponse, UserStatus } from '@keyhold/contracts';
import { USER_STATUSES } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsIsoTimestamp } from '../../common/validation';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { SUBSCRIPTION_PATTERN } from '../../licenses/dto/license.dto';

/** Printable characters without `+` or `/`: usernames travel inside the Axora URL as well. */
export const USERNAME_PATTERN = /^[^\s+/\\]{1,64}$/u;
const USERNAME_MESSAGE = 'username must be 1-64 characters without spaces, +, / or \\';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiProperty({ example: 'tanish' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ minLength: 4, maxLength: 72 }) @IsString() @MinLength(4) @MaxLength(72) password: string;

  @ApiPropertyOptional({ nullable: true, example: 'premium' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(SUBSCRIPTION_PATTERN, { message: 'subscription must be 1-64 characters of letters, digits, . _ -' })
  subscription?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-12-31T23:59:59Z', description: 'null: never expires' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoTimestamp()
  expiresAt?: string | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiPropertyOptional({ enum: USER_STATUSES }) @IsOptional() @IsIn(USER_STATUSES) status?: UserStatus;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ description: 'Ban (also disables the Axora credential) or unban' }) @IsOptional() @IsBoolean() banned?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  banReason?: string | null;

  @ApiPropertyOptional({ description: 'true: forget the bound hardware id' }) @IsOptional() @IsBoolean() resetHwid?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoTimestamp()
  expiresAt?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(SUBSCRIPTION_PATTERN, { message: 'subscription must be 1-64 characters of letters, digits, . _ -' })
  subscription?: string | null;

  @ApiPropertyOptional({ minLength: 4, maxLength: 72 }) @IsOptional() @IsString() @MinLength(4) @MaxLength(72) password?: string;
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
