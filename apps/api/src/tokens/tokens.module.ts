import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { TokensService } from './tokens.service';

/**
 * Signing and verifying tokens of every audience. Its own module so that auth/ (which verifies
 * them) and sessions/ (which issues client tokens) both depend on it rather than on each other.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.tokenSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokensService],
  exports: [TokensService],
})
export class TokensModule {}
