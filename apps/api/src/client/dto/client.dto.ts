import type {
  ClientLicense,
  ClientLicenseLoginRequest,
  ClientLicenseLoginResponse,
  ClientLoginRequest,
  ClientLoginResponse,
  ClientLogoutResponse,
  ClientRegisterRequest,
  ClientRegisterResponse,
  ClientSessionResponse,
  ClientUser,
} from '@keyhold/contracts';
import { PASSWORD_MIN_LENGTH, USERNAME_PATTERN, USERNAME_RULE, HWID_MAX_LENGTH } from '@keyhold/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AllowUnknownFields, IsPassword } from '../../common/validation';

/** The optional `version` of the login routes (the app's "enforce version"). */
const ClientVersion = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: '1.0.0',
      description:
        "The program's version; with the app's enforceVersion on, anything but the app's version (or none) answers 426 UPDATE_REQUIRED",
    }),
    IsOptional(),
    IsString(),
    MaxLength(64),
  );

// Client DTOs ignore unknown fields (contract): an older server keeps working with a newer client.

@AllowUnknownFields()
export class ClientLoginDto implements ClientLoginRequest {
  @ApiProperty({ example: 'testuser' }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty({ example: 'securepass', description: 'At most 72 bytes of UTF-8' }) @IsPassword(1) password: string;
  @ApiPropertyOptional({ example: 'ABCD-1234-EFGH' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(HWID_MAX_LENGTH) hwid?: string;
  @ClientVersion() version?: string;
}

@AllowUnknownFields()
export class ClientRegisterDto implements ClientRegisterRequest {
  @ApiProperty({ example: 'newuser' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: `username must be ${USERNAME_RULE}` })
  username: string;

  @ApiProperty({ example: 'securepass', description: 'At most 72 bytes of UTF-8' })
  @IsPassword(PASSWORD_MIN_LENGTH.endUser)
  password: string;
  @ApiProperty({ example: 'XXXX-XXXX-XXXX-XXXX' }) @IsString() @MinLength(1) @MaxLength(64) licenseKey: string;
  @ApiPropertyOptional({ example: 'ABCD-1234-EFGH' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(HWID_MAX_LENGTH) hwid?: string;
  @ClientVersion() version?: string;
}

@AllowUnknownFields()
export class ClientLicenseLoginDto implements ClientLicenseLoginRequest {
  @ApiProperty({ example: 'XXXX-XXXX-XXXX-XXXX' }) @IsString() @MinLength(1) @MaxLength(64) licenseKey: string;
  @ApiPropertyOptional({ example: 'ABCD-1234-EFGH' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(HWID_MAX_LENGTH) hwid?: string;
  @ClientVersion() version?: string;
}

export class ClientUserDto implements ClientUser {
  @ApiProperty({ example: 'usr_abc123' }) id: string;
  @ApiProperty({ example: 'testuser' }) username: string;
  @ApiProperty({ nullable: true, type: String, example: 'ABCD-1234-EFGH' }) hwid: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'premium' }) subscription: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31T23:59:59Z' }) expiresAt: string | null;
}

export class ClientLoginResponseDto implements ClientLoginResponse {
  @ApiProperty({ example: 'eyJhbG...' }) token: string;
  @ApiProperty({ type: ClientUserDto }) user: ClientUserDto;
}

class RegisteredUserDto {
  @ApiProperty({ example: 'usr_def456' }) id: string;
  @ApiProperty({ example: 'newuser' }) username: string;
}

export class ClientRegisterResponseDto implements ClientRegisterResponse {
  @ApiProperty({ example: 'eyJhbG...' }) token: string;
  @ApiProperty({ type: RegisteredUserDto }) user: RegisteredUserDto;
}

export class ClientLicenseDto implements ClientLicense {
  @ApiProperty({ example: 'XXXX-XXXX-XXXX-XXXX' }) key: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31T23:59:59Z' }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'ABCD-1234-EFGH' }) hwid: string | null;
}

export class ClientLicenseLoginResponseDto implements ClientLicenseLoginResponse {
  @ApiProperty({ example: 'eyJhbG...' }) token: string;
  @ApiProperty({ type: ClientLicenseDto }) license: ClientLicenseDto;
}

class SessionInfoDto {
  @ApiProperty({ example: 'ses_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
}

class SessionLicenseDto extends ClientLicenseDto {
  @ApiProperty() subscription: string;
}

export class ClientSessionResponseDto implements ClientSessionResponse {
  @ApiProperty({ type: SessionInfoDto }) session: SessionInfoDto;
  @ApiPropertyOptional({ type: ClientUserDto, description: 'For a username login' }) user?: ClientUserDto;
  @ApiPropertyOptional({ type: SessionLicenseDto, description: 'For a license-only login' }) license?: SessionLicenseDto;
}

export class ClientLogoutResponseDto implements ClientLogoutResponse {
  @ApiProperty({ example: true }) loggedOut: true;
}
