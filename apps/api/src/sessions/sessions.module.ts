import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { TokensModule } from '../tokens/tokens.module';
import { CLIENT_AUTHENTICATOR } from '../common/request';
import { ClientAuthService } from './client-authenticator';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TokensModule, EventsModule],
  providers: [SessionsService, ClientAuthService, { provide: CLIENT_AUTHENTICATOR, useExisting: ClientAuthService }],
  exports: [SessionsService, CLIENT_AUTHENTICATOR],
})
export class SessionsModule {}
