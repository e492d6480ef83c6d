import type { CountryLogins, CountryLoginsQuery } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/validation';

/** The longest window of the per-country counts, in days (events are kept RETENTION_EVENTS_DAYS, 90 by default). */
export const COUNTRY_STATS_MAX_DAYS = 365;

export class CountryLoginsQueryDto implements CountryLoginsQuery {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: COUNTRY_STATS_MAX_DAYS, description: 'UTC calendar days, today included' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(COUNTRY_STATS_MAX_DAYS)
  days: number = 30;
}

export class CountryLoginsDto implements CountryLogins {
  @ApiProperty({ nullable: true, type: String, example: 'US', description: 'ISO 3166-1 alpha-2; null: private, loopback, IPv6 or unknown' })
  country: string | null;

  @ApiProperty({ example: 42 }) logins: number;
}
