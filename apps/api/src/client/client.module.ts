import { Module } from '@nestjs/common';
import { BlacklistModule } from '../blacklist/blacklist.module';
import { ClientController } from './client.controller';
import { ClientService } from './client.service';
import { PasswordsModule } from '../common/passwords.module';
import { SessionsModule } from '../sessions/sessions.module';
import { EventsModule } from '../events/events.module';

@Module({
  imports: [BlacklistModule, PasswordsModule, SessionsModule, EventsModule],
  controllers: [ClientController],
  providers: [ClientService],
  exports: [ClientService],
})
export class ClientModule {}
