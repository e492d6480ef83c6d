import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppStatsResponseDto } from '../apps/dto/app.dto';
import { SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { CountryLoginsDto, CountryLoginsQueryDto } from './dto/country-stats.dto';
import { StatsService } from './stats.service';

/** An app's overview numbers, under the app's path (apps/ itself depends on no domain it counts). */
@ApiTags('Apps')
@SellerAuth()
@Controller('v1/admin/apps')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get(':id/stats')
  @ApiOperation({ summary: 'Overview: user and key counts, logins and registrations per day (30 days)' })
  @ApiEnvelope(AppStatsResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  forApp(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<AppStatsResponseDto> {
    return this.stats.forApp(sellerId, id);
  }

  @Get(':id/stats/countries')
  @ApiOperation({
    summary: 'Logins by country over the last days (30 by default)',
    description:
      'Username logins (client API and Axora) and license-key logins per country of the client IP, most first; registrations ' +
      'are not counted. `country: null` gathers private, loopback, IPv6 and unknown addresses. Countries are resolved offline ' +
      'when the login happens (IP2Location LITE data, bundled).',
  })
  @ApiEnvelope(CountryLoginsDto, { array: true, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  countries(
    @CurrentSeller() sellerId: string,
    @Param() { id }: IdParamDto,
    @Query() { days }: CountryLoginsQueryDto,
  ): Promise<CountryLoginsDto[]> {
    return this.stats.countriesForApp(sellerId, id, days);
  }
}
