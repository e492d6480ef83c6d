import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({
  imports: [AppsModule],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
