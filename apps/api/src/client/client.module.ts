import { Module, OnModuleInit } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { BlacklistModule } from '../blacklist/blacklist.module';
import { loadIpCountries } from '../common/ip-country';
import { CLIENT_AUTHENTICATOR } from '../common/request';
import { AuthDenials } from './auth-denials';
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
  providers: [ClientService, ClientAuthService, AuthDenials, { provide: CLIENT_AUTHENTICATOR, useExisting: ClientAuthService }],
  exports: [ClientService, AuthDenials, CLIENT_AUTHENTICATOR],
})
export class ClientModule implements OnModuleInit {
  onModuleInit(): void {
    // The IP-to-country table (common/ip-country.ts) loads at start-up, not in the first login.
    loadIpCountries();
  }
}
