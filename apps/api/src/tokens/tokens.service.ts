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
  /** seller and reseller tokens: the account session the token belongs to (account_sessions.id) */
  jti?: string;
  iat?: number;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  sign(audience: TokenAudience, subject: string, extra: { app?: string; jti?: string; expiresInSeconds?: number } = {}): string {
    const expiresIn =
      extra.expiresInSeconds ?? (audience === 'client' ? this.config.clientTokenTtlSeconds : this.config.sellerTokenTtlSeconds);
    return this.jwt.sign(extra.app ? { app: extra.app } : {}, {
      subject,
      audience,
      expiresIn,
      algorithm: 'HS256',
      ...(extra.jti ? { jwtid: extra.jti } : {}),
    });
  }

  /**
   * The payload of `token` if it is a genuine, unexpired HS256 token of this audience, else null.
   * Every failure is null alike (bad signature, other audience, expired, not yet valid, malformed
   * to the point of throwing while parsing): the caller answers them all with one 401.
   */
  verify(audience: TokenAudience, token: string): TokenPayload | null {
    let payload: TokenPayload;
    try {
      payload = this.jwt.verify<TokenPayload>(token, { audience, algorithms: ['HS256'], ignoreExpiration: false });
    } catch {
      return null;
    }
    // Every token we sign names its subject; anything else is not ours.
    return typeof payload.sub === 'string' ? payload : null;
  }
}
