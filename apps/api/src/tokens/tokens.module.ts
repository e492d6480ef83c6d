import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { AccountSessionsService } from './account-sessions.service';
import { TokensService } from './tokens.service';

/**
 * Signing and verifying tokens of every audience, and the account sessions behind seller and
 * reseller tokens. Its own module so that auth/ (which verifies them), resellers/ (which signs
 * resellers in) and sessions/ (which issues client tokens) depend on it rather than on each other.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A key object made once: given the secret as a string, jsonwebtoken turns it into a key on
        // every sign and verify (first trying it as a private key and catching the failure), which
        // was a tenth of the API's CPU under login load.
        const key = createSecretKey(Buffer.from(config.tokenSecret));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' } };
      },
    }),
  ],
  providers: [TokensService, AccountSessionsService],
  exports: [TokensService, AccountSessionsService],
})
export class TokensModule {}
