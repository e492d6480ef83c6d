import type { LogoutRequest, LogoutResponse } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Optional } from '../validation';

/** The body of seller and reseller logout. */
export class LogoutDto implements LogoutRequest {
  @ApiPropertyOptional({ description: 'End every session of the account, this one included ("sign out everywhere")', default: false })
  @Optional()
  @IsBoolean()
  everywhere?: boolean;
}

export class LogoutResponseDto implements LogoutResponse {
  @ApiProperty({ example: 1, description: 'Sessions (tokens) ended' }) sessionsEnded: number;
}
