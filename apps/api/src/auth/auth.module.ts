import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppsModule } from '../apps/apps.module';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { PasswordsService } from '../common/passwords.service';
import { ResellerEntity } from '../resellers/reseller.entity';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { ClientAuthService } from './client-auth.service';
import { SellerEntity } from './seller.entity';
import { SellersService } from './sellers.service';
import { ClientJwtStrategy } from './strategies/client-jwt.strategy';
import { ResellerJwtStrategy } from './strategies/reseller-jwt.strategy';
import { SellerJwtStrategy } from './strategies/seller-jwt.strategy';
import { TokensService } from './tokens.service';

@Global()
@Module({
  imports: [
    PassportModule,
    AppsModule,
    TypeOrmModule.forFeature([SellerEntity, ResellerEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.tokenSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [SellersService, TokensService, PasswordsService, SellerJwtStrategy, ResellerJwtStrategy, ClientJwtStrategy, ClientAuthService, AccessGuard],
  exports: [TokensService, PasswordsService, ClientAuthService, AccessGuard],
})
export class AuthModule {}
