import { Module } from '@nestjs/common';
import { PasswordsModule } from '../common/passwords.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TokensModule } from '../tokens/tokens.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { ClientAuthService } from './client-auth.service';
import { SellersService } from './sellers.service';

/**
 * Seller accounts and the AccessGuard. Repositories (sellers, resellers, apps) come from the
 * global DatabaseModule; client sessions are checked by SessionsService, which knows nothing of
 * auth/ in return.
 */
@Module({
  imports: [TokensModule, SessionsModule, PasswordsModule],
  controllers: [AuthController],
  providers: [SellersService, ClientAuthService, AccessGuard],
  exports: [AccessGuard],
})
export class AuthModule {}
