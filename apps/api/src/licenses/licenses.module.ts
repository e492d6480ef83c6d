import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { LicenseExpirySweeper } from './license-expiry.sweeper';
import { LicensesController } from './licenses.controller';
import { LicensesService } from './licenses.service';
import { EventsModule } from '../events/events.module';
import { SessionsModule } from '../sessions/sessions.module';

@Module({
  imports: [AppsModule, EventsModule, SessionsModule],
  controllers: [LicensesController],
  providers: [LicensesService, LicenseExpirySweeper],
  exports: [LicensesService],
})
export class LicensesModule {}
