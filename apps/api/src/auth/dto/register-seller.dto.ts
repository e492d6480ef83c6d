import type { ChangePasswordRequest, LoginSellerRequest, RegisterSellerRequest, TwoFactorCodeRequest } from '@keyhold/contracts';
import { NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH, TWO_FACTOR_CODE_MAX_LENGTH } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPassword, Optional } from '../../common/validation';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterSellerDto implements RegisterSellerRequest {
  @ApiProperty({ example: 'seller@example.com' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, description: 'At most 72 bytes of UTF-8 (what bcrypt reads)', example: 'correct horse battery' })
  @IsPassword(PASSWORD_MIN_LENGTH.seller)
  password: string;

  @ApiProperty({ example: 'Acme Software' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  name: string;
}

export class LoginSellerDto implements LoginSellerRequest {
  @ApiProperty({ example: 'seller@example.com' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'At most 72 bytes of UTF-8' })
  @IsPassword(1)
  password: string;

  @ApiPropertyOptional({
    example: '492039',
    description: 'With two-factor sign-in on: the authenticator code, or one of the recovery codes (each works once)',
  })
  @Optional()
  @IsString()
  @MaxLength(TWO_FACTOR_CODE_MAX_LENGTH)
  code?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ description: 'The password in use now' })
  @IsPassword(1)
  currentPassword: string;

  @ApiProperty({ minLength: 8, description: 'At most 72 bytes of UTF-8', example: 'a longer, newer passphrase' })
  @IsPassword(PASSWORD_MIN_LENGTH.seller)
  newPassword: string;
}

export class TwoFactorCodeDto implements TwoFactorCodeRequest {
  @ApiProperty({ example: '492039', description: 'A current authenticator code (disable also takes a recovery code)' })
  @IsString()
  @MinLength(1)
  @MaxLength(TWO_FACTOR_CODE_MAX_LENGTH)
  code: string;
}
