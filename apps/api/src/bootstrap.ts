import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentSignedAnswers } from './signing/signed-answers.openapi';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module';
import { NestPinoLogger } from './logging/logger';
import { ROOT_LOGGER } from './logging/request-log.middleware';
import { AppConfig } from './config/app-config';
import { DatabaseHandle } from './database/database-options';
import { OPENAPI_DESCRIPTION } from './docs/openapi-description';
import { AXORA_OPENAPI_PATHS } from './axora/axora.openapi';
import { securityHeaders } from './security-headers';

/** Paths the API owns; everything else (GET, HTML) may fall through to the dashboard. */
// Case-insensitive, as Express routes are: /V1/ADMIN/APPS is the API's, never the dashboard's page.
const API_PATHS = /^\/(v1|docs|health|app\/auth|app\/jwks)(\/|$)/i;

export function dashboardDir(config: AppConfig): string {
  return config.dashboardDir ? resolve(config.dashboardDir) : join(__dirname, '..', '..', 'dashboard', 'dist');
}

/** Builds the whole HTTP application; main.ts and the e2e tests share it. */
export async function createKeyholdApp(config: AppConfig, database: DatabaseHandle): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
    bodyParser: false, // JsonBodyMiddleware parses, so that parse errors reach the exception filter
    bufferLogs: true,
  });
  app.useLogger(new NestPinoLogger(app.get(ROOT_LOGGER)));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(...securityHeaders((path) => API_PATHS.test(path)));
  // Node drops requests still running after 5 minutes; a large upload on a slow link needs longer.
  app.getHttpServer().requestTimeout = 60 * 60 * 1000;

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Keyhold API')
      .setDescription(OPENAPI_DESCRIPTION)
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Seller token from /v1/auth/login' }, 'seller')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Reseller token from /v1/reseller/auth/login' }, 'reseller')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Client token from a client login' }, 'client')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description:
            "Store integration key: the app's secret (`as_...`), for a web shop or payment webhook. Accepted on the licenses, users and blacklist routes and on reading files, for that one app only (401 elsewhere).",
        },
        'integration',
      )
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "The app's public API key" }, 'apiKey')
      .build(),
  );
  Object.assign(document.paths, AXORA_OPENAPI_PATHS);
  documentSignedAnswers(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });

  const dir = dashboardDir(config);
  if (existsSync(join(dir, 'index.html'))) {
    // Source maps are not served (the build makes none; this holds for a folder that has some).
    app.use((req: Request, res: Response, next: NextFunction) =>
      /\.map$/i.test(req.path) && !API_PATHS.test(req.path) ? res.status(404).end() : next(),
    );
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || API_PATHS.test(req.path) || !req.accepts('html')) return next();
      res.sendFile(join(dir, 'index.html'));
    });
  }
  return app;
}
