import { HWID_MAX_LENGTH, NOTE_MAX_LENGTH } from '@keyhold/contracts';
import type { BlacklistEntryResponse, BlacklistType, CreateBlacklistEntryRequest } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Nullable } from '../../common/validation';

export class CreateBlacklistEntryDto implements CreateBlacklistEntryRequest {
  @ApiProperty() @IsString() @MaxLength(64) appId: string;

  @ApiProperty({ enum: ['ip', 'hwid'] }) @IsIn(['ip', 'hwid']) type: BlacklistType;

  @ApiProperty({ example: '203.0.113.0/24', description: 'IPv4/IPv6 address, CIDR range, or hardware id' })
  @IsString()
  @MinLength(1)
  @MaxLength(HWID_MAX_LENGTH)
  value: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX_LENGTH, nullable: true }) @Nullable() @IsString() @MaxLength(NOTE_MAX_LENGTH) reason?:
    string | null;
}

export class BlacklistEntryResponseDto implements BlacklistEntryResponse {
  @ApiProperty({ example: 'bl_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() appId: string;
  @ApiProperty({ enum: ['ip', 'hwid'] }) type: BlacklistType;
  @ApiProperty() value: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() createdAt: string;
}
