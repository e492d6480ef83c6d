import type { JsonWebKeySet, OfflineLicenseResponse, PublicJwk, SigningKeyResponse, SigningKeyStatus } from '@keyhold/contracts';
import { SIGNING_KEY_STATUSES } from '@keyhold/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class PublicJwkDto implements PublicJwk {
  @ApiProperty({ enum: ['OKP'] }) kty: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] }) crv: 'Ed25519';
  @ApiProperty({ example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', description: 'The raw public key, base64url' }) x: string;
  @ApiProperty({ example: 'key_9f2c4e1a7b3d4c5e8f60718293a4b5c6' }) kid: string;
  @ApiProperty({ enum: ['sig'] }) use: 'sig';
  @ApiProperty({ enum: ['EdDSA'] }) alg: 'EdDSA';
}

export class JsonWebKeySetDto implements JsonWebKeySet {
  @ApiProperty({ type: [PublicJwkDto] }) keys: PublicJwkDto[];
}

export class SigningKeyResponseDto implements SigningKeyResponse {
  @ApiProperty({ example: 'key_9f2c4e1a7b3d4c5e8f60718293a4b5c6' }) kid: string;
  @ApiProperty({
    enum: SIGNING_KEY_STATUSES,
    description: '`active` signs; `next` is published, not yet signing; `previous` was active, still published',
  })
  status: SigningKeyStatus;
  @ApiProperty({ example: '2026-12-02T12:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: PublicJwkDto }) publicJwk: PublicJwkDto;
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA...\n-----END PUBLIC KEY-----\n' }) publicPem: string;
}

/** `:id/signing-keys/:kid` */
export class SigningKeyParamDto {
  @ApiProperty({ description: "The app's public id" }) @IsString() @MaxLength(64) id: string;
  @ApiProperty({ description: 'The key id (`key_...`)' }) @IsString() @MaxLength(64) kid: string;
}

/** `/app/jwks/:endpoint` */
export class EndpointParamDto {
  @ApiProperty({ description: "The app's Axora endpoint id" }) @IsString() @MaxLength(64) endpoint: string;
}

export class OfflineLicenseResponseDto implements OfflineLicenseResponse {
  @ApiProperty({ description: 'RFC 7515 compact JWS (EdDSA), header {alg, kid, typ: "keyhold-license+jwt"}' }) license: string;
  @ApiProperty({ example: '2026-12-09T12:00:00.000Z', description: 'The JWS `exp`' }) expiresAt: string;
}
