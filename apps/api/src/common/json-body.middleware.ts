import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { DomainError } from './errors/domain-error';

/**
 * JSON body parsing as a Nest middleware rather than a bare express one, so that a malformed or
 * oversized body is thrown into the global exception filter and answers in the envelope.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof express.json>;

  constructor(@InjectConfig() config: AppConfig) {
    this.parse = express.json({ limit: config.bodyLimitBytes, strict: true });
  }

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return new Promise((resolve, reject) => {
      this.parse(req, res, (err?: unknown) => {
        if (err) return reject(err);
        // PostgreSQL cannot store U+0000 in text: refuse it here with a clear answer.
        if (hasNul(req.body)) return reject(new DomainError('BAD_REQUEST', 'Request body contains a NUL character'));
        next();
        resolve();
      });
    });
  }
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}
