import { Module } from '@nestjs/common';
import { PasswordsModule } from '../common/passwords.module';
import { TokensModule } from '../tokens/tokens.module';
import { AuthController } from './auth.controller';
import { SellersService } from './sellers.service';
import { TwoFactorService } from './two-factor.service';

/**
 * Seller accounts. The AccessGuard (access.guard.ts) is provided by AppModule, where it meets the
 * client authenticator of client/ (CLIENT_AUTHENTICATOR): auth/ imports neither sessions/ nor
 * client/, and neither imports auth/.
 */
@Module({
  imports: [TokensModule, PasswordsModule],
  controllers: [AuthController],
  providers: [SellersService, TwoFactorService],
})
export class AuthModule {}
