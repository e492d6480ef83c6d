import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** `:id` path parameter. Its prefix and shape are checked by the service, where a bad one is a 404. */
export class IdParamDto {
  @ApiProperty({ description: 'Public id (prefixed)' })
  @IsString()
  @MaxLength(64)
  id: string;
}
