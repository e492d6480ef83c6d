import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { LicensesModule } from '../licenses/licenses.module';
import { CreditLedgerService } from './credit-ledger.service';
import { ResellerAuthController } from './reseller-auth.controller';
import { ResellerAuthService } from './reseller-auth.service';
import { ResellerKeysService } from './reseller-keys.service';
import { ResellerPortalController } from './reseller-portal.controller';
import { ResellersController } from './resellers.controller';
import { ResellersService } from './resellers.service';
import { PasswordsModule } from '../common/passwords.module';
import { TokensModule } from '../tokens/tokens.module';

@Module({
  imports: [AppsModule, LicensesModule, PasswordsModule, TokensModule],
  controllers: [ResellersController, ResellerAuthController, ResellerPortalController],
  providers: [ResellersService, ResellerAuthService, ResellerKeysService, CreditLedgerService],
})
export class ResellersModule {}
