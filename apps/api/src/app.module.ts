import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { EnvelopeInterceptor } from './common/interceptors/envelope.interceptor';
import { JsonBodyMiddleware } from './common/json-body.middleware';
import { KeyholdValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseHandle } from './database/database-options';
import { DatabaseModule } from './database/database.module';
import { DATABASE_LAYER } from './database-layer';
import { HealthController } from './health/health.controller';

/** Asynchronous stdout for the logs; main.ts flushes it before printing the start banner. */
export const logDestination: pino.DestinationStream & { flushSync(): void } = pino.destination({ dest: 1, sync: false });

/** Axora puts the password in the path: never log it. */
function safeUrl(url: string | undefined): string | undefined {
  return url && /^\/app\/auth\//i.test(url) ? '/app/auth/[redacted]' : url;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    const minute = 60_000;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: (req: IncomingMessage) => {
                const given = req.headers['x-request-id'];
                return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
              },
              redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: safeUrl(req.url) }),
              },
              customProps: () => ({ service: 'keyhold-api' }),
            },
            logDestination,
          ],
        }),
        DatabaseModule.forRoot(database, DATABASE_LAYER),
        ThrottlerModule.forRoot({
          setHeaders: false,
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
        AppsModule,
        StatsModule,
        LicensesModule,
        UsersModule,
        BlacklistModule,
        ClientModule,
        FilesModule,
        ResellersModule,
        AxoraModule,
        WebhooksModule,
        RetentionModule,
        SigningModule,
      ],
      controllers: [HealthController],
      providers: [
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
    // Signing first: even an answer to a body that cannot be parsed is signed.
    consumer.apply(SignAnswersMiddleware, JsonBodyMiddleware).forRoutes('*');
  }
}
