import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { EventLogService } from './event-log.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Recording events (EventsService, for every domain that changes something) and the seller's event log. */
@Module({
  imports: [AppsModule],
  controllers: [EventsController],
  providers: [EventsService, EventLogService],
  exports: [EventsService],
})
export class EventsModule {}
