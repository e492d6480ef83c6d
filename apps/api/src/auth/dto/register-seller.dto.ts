import type { LoginSellerRequest, RegisterSellerRequest } from '@keyhold/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterSellerDto implements RegisterSellerRequest {
  @ApiProperty({ example: 'seller@example.com' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 72, example: 'correct horse battery' })
  @IsString()
  @MinLength(8)
  @MaxLength(72) // bcrypt reads 72 bytes at most
  password: string;

  @ApiProperty({ example: 'Acme Software' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class LoginSellerDto implements LoginSellerRequest {
  @ApiProperty({ example: 'seller@example.com' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(72)
  password: string;
}
