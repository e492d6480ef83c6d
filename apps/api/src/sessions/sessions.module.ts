import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { TokensModule } from '../tokens/tokens.module';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TokensModule, EventsModule],
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
