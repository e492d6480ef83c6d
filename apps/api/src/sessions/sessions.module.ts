import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionEntity } from './session.entity';
import { EventsModule } from '../events/events.module';
import { TokensModule } from '../tokens/tokens.module';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity]), TokensModule, EventsModule],
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
