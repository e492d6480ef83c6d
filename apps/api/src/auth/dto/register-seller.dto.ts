import type { LoginSellerRequest, RegisterSellerRequest } from '@keyhold/contracts';
import { NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@keyhold/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPassword } from '../../common/validation';

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
}
