import type {
  ChangePasswordResponse,
  MeResponse,
  SellerAuthResponse,
  SellerResponse,
  SignupStatusResponse,
  TwoFactorDisableResponse,
  TwoFactorEnableResponse,
  TwoFactorSetupResponse,
} from '@keyhold/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class SellerResponseDto implements SellerResponse {
  @ApiProperty({ example: 'sel_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Whether signing in asks for a two-factor code' }) twoFactorEnabled: boolean;
  @ApiProperty({ example: '2026-11-25T12:00:00.000Z' }) createdAt: string;
}

export class SellerAuthResponseDto implements SellerAuthResponse {
  @ApiProperty({ description: 'Seller bearer token' }) token: string;
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
}

export class MeResponseDto implements MeResponse {
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
}

export class SignupStatusResponseDto implements SignupStatusResponse {
  @ApiProperty({ description: 'Whether POST /v1/auth/register takes a new account now (SELLER_SIGNUP)' }) open: boolean;
}

export class ChangePasswordResponseDto implements ChangePasswordResponse {
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
  @ApiProperty({ example: 2, description: "The seller's other sessions that ended" }) sessionsEnded: number;
}

export class TwoFactorSetupResponseDto implements TwoFactorSetupResponse {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'Base32, to type into an authenticator by hand' })
  secret: string;
  @ApiProperty({ example: 'otpauth://totp/Keyhold:seller%40example.com?issuer=Keyhold&secret=...&algorithm=SHA1&digits=6&period=30' })
  otpauthUrl: string;
}

export class TwoFactorEnableResponseDto implements TwoFactorEnableResponse {
  @ApiProperty({ type: [String], example: ['7kq2-9zpl-m4tx-a81c'], description: 'Ten single-use recovery codes, shown this once' })
  recoveryCodes: string[];
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
}

export class TwoFactorDisableResponseDto implements TwoFactorDisableResponse {
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
}
