import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppsModule } from '../apps/apps.module';
import { PasswordsModule } from '../common/passwords.module';
import { ResellerEntity } from '../resellers/reseller.entity';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { ClientAuthService } from './client-auth.service';
import { SellerEntity } from './seller.entity';
import { SellersService } from './sellers.service';
import { ClientJwtStrategy } from './strategies/client-jwt.strategy';
import { ResellerJwtStrategy } from './strategies/reseller-jwt.strategy';
import { SellerJwtStrategy } from './strategies/seller-jwt.strategy';
import { SessionsModule } from '../sessions/sessions.module';
import { TokensModule } from '../tokens/tokens.module';

@Module({
  imports: [PassportModule, AppsModule, TokensModule, SessionsModule, PasswordsModule, TypeOrmModule.forFeature([SellerEntity, ResellerEntity])],
  controllers: [AuthController],
  providers: [SellersService, SellerJwtStrategy, ResellerJwtStrategy, ClientJwtStrategy, ClientAuthService, AccessGuard],
  exports: [AccessGuard],
})
export class AuthModule {}
