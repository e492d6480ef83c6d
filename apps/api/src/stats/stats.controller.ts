import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppStatsResponseDto } from '../apps/dto/app.dto';
import { SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
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
}
