import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';

/** The audience of a token says which principal it is for; a token never crosses audiences. */
export type TokenAudience = 'seller' | 'reseller' | 'client';

export interface TokenPayload {
  sub: string;
  aud: TokenAudience;
  /** client tokens: the app the session belongs to */
  app?: string;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  sign(audience: TokenAudience, subject: string, extra: { app?: string; expiresInSeconds?: number } = {}): string {
    const expiresIn =
      extra.expiresInSeconds ?? (audience === 'client' ? this.config.clientTokenTtlSeconds : this.config.sellerTokenTtlSeconds);
    return this.jwt.sign(extra.app ? { app: extra.app } : {}, {
      subject,
      audience,
      expiresIn,
      algorithm: 'HS256',
    });
  }
}
