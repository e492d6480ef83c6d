import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { BlacklistModule } from '../blacklist/blacklist.module';
import { CLIENT_AUTHENTICATOR } from '../common/request';
import { ClientAuthService } from './client-authenticator';
import { ClientController } from './client.controller';
import { ClientService } from './client.service';
import { PasswordsModule } from '../common/passwords.module';
import { SessionsModule } from '../sessions/sessions.module';
import { EventsModule } from '../events/events.module';
import { TokensModule } from '../tokens/tokens.module';

@Module({
  imports: [AppsModule, BlacklistModule, PasswordsModule, SessionsModule, EventsModule, TokensModule],
  controllers: [ClientController],
  providers: [ClientService, ClientAuthService, { provide: CLIENT_AUTHENTICATOR, useExisting: ClientAuthService }],
  exports: [ClientService, CLIENT_AUTHENTICATOR],
})
export class ClientModule {}
