import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppsModule } from '../apps/apps.module';
import { LicenseExpirySweeper } from './license-expiry.sweeper';
import { LicenseEntity } from './license.entity';
import { LicensesController } from './licenses.controller';
import { LicensesService } from './licenses.service';
import { EventsModule } from '../events/events.module';
import { SessionsModule } from '../sessions/sessions.module';

@Module({
  imports: [TypeOrmModule.forFeature([LicenseEntity]), AppsModule, EventsModule, SessionsModule],
  controllers: [LicensesController],
  providers: [LicensesService, LicenseExpirySweeper],
  exports: [LicensesService],
})
export class LicensesModule {}
