import { Module } from '@nestjs/common';
import { INTEGRATION_KEYS } from '../common/request';
import { AppsController } from './apps.controller';
import { AppLookup } from './app-lookup';
import { AppsService } from './apps.service';
import { IntegrationKeysService } from './integration-keys';

@Module({
  controllers: [AppsController],
  providers: [AppsService, AppLookup, IntegrationKeysService, { provide: INTEGRATION_KEYS, useExisting: IntegrationKeysService }],
  exports: [AppsService, AppLookup, INTEGRATION_KEYS],
})
export class AppsModule {}
