import type { MeResponse, SellerAuthResponse, SellerResponse } from '@keyhold/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class SellerResponseDto implements SellerResponse {
  @ApiProperty({ example: 'sel_3f9c2b1e0d8a4c7b9e6f5a4b3c2d1e0f' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2026-11-25T12:00:00.000Z' }) createdAt: string;
}

export class SellerAuthResponseDto implements SellerAuthResponse {
  @ApiProperty({ description: 'Seller bearer token' }) token: string;
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
}

export class MeResponseDto implements MeResponse {
  @ApiProperty({ type: SellerResponseDto }) seller: SellerResponseDto;
}
