import { Module } from '@nestjs/common';
import { AppsController } from './apps.controller';
import { AppLookup } from './app-lookup';
import { AppsService } from './apps.service';

@Module({
  controllers: [AppsController],
  providers: [AppsService, AppLookup],
  exports: [AppsService, AppLookup],
})
export class AppsModule {}
