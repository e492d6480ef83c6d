import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppsModule } from './apps/apps.module';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { AxoraModule } from './axora/axora.module';
import { BlacklistModule } from './blacklist/blacklist.module';
import { ClientModule } from './client/client.module';
import { FilesModule } from './files/files.module';
import { LicensesModule } from './licenses/licenses.module';
import { ResellersModule } from './resellers/resellers.module';
import { RetentionModule } from './retention/retention.module';
import { SignAnswersMiddleware } from './signing/sign-answers.middleware';
import { SigningModule } from './signing/signing.module';
import { StatsModule } from './stats/stats.module';
import { TokensModule } from './tokens/tokens.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { RateLimitGuard, type ThrottlerName } from './auth/rate-limit.guard';
import { RateLimitStorage } from './auth/rate-limit-storage';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { EnvelopeInterceptor } from './common/interceptors/envelope.interceptor';
import { JsonBodyMiddleware } from './common/json-body.middleware';
import { KeyholdValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { createRootLogger } from './logging/logger';
import { RequestLogMiddleware, ROOT_LOGGER } from './logging/request-log.middleware';
import { DatabaseHandle } from './database/database-options';
import { DatabaseModule } from './database/database.module';
import { DATABASE_LAYER } from './database-layer';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    const minute = 60_000;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database, DATABASE_LAYER),
        ThrottlerModule.forRoot({
          setHeaders: false,
          storage: new RateLimitStorage(),
          // Trackers and keys are the RateLimitGuard's (which limit applies to which route is too).
          throttlers: [
            { name: 'client', ttl: minute, limit: config.rateLimit.clientPerMin },
            { name: 'login', ttl: minute, limit: config.rateLimit.loginPerMin },
            { name: 'login-ip', ttl: minute, limit: 3 * config.rateLimit.loginPerMin },
            { name: 'api', ttl: minute, limit: config.rateLimit.apiPerMin },
          ] satisfies Array<{ name: ThrottlerName; ttl: number; limit: number }>,
        }),
        // The AccessGuard below needs tokens, and the client authenticator that ClientModule exports.
        TokensModule,
        AuthModule,
        // First among the modules with routes: Express tries routes in the order they were added,
        // and Nest adds them module by module, so the end-user software's calls (the load) match
        // in a few steps instead of after every seller route (issue #15).
        ClientModule,
        AxoraModule,
        AppsModule,
        StatsModule,
        LicensesModule,
        UsersModule,
        BlacklistModule,
        FilesModule,
        ResellersModule,
        WebhooksModule,
        RetentionModule,
        SigningModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: ROOT_LOGGER, useValue: createRootLogger(config.logLevel) },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useClass: KeyholdValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        // Order matters: rate limits count before authentication work is done.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        AccessGuard,
        { provide: APP_GUARD, useExisting: AccessGuard },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The request log first (it gives the request its id), then signing: even an answer to a body that cannot be parsed is signed.
    consumer.apply(RequestLogMiddleware, SignAnswersMiddleware, JsonBodyMiddleware).forRoutes('*');
  }
}
