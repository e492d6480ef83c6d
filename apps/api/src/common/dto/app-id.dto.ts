import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** `?appId=` on admin lists. The service checks that the app is the seller's (else 404). */
export class AppIdQueryDto {
  @ApiProperty({ example: 'app_0f6c1d2e3b4a59687766554433221100' })
  @IsString()
  @MaxLength(64)
  appId: string;
}
