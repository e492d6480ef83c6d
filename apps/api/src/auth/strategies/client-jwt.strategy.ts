import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/inject-config';
import type { KeyholdRequest } from '../../common/request';
import { ActiveSession, SessionsService } from '../../sessions/sessions.service';
import type { TokenPayload } from '../../tokens/tokens.service';

/**
 * The client token from a client login. It must belong to the app named by X-Api-Key (resolved
 * first by ClientAuthService) and its session must still be active.
 */
@Injectable()
export class ClientJwtStrategy extends PassportStrategy(Strategy, 'client-jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.tokenSecret,
      audience: 'client',
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(req: KeyholdRequest, payload: TokenPayload): Promise<ActiveSession | null> {
    const principal = req.principal;
    if (principal?.kind !== 'client' || payload.app !== principal.appId) return null;
    return this.sessions.findActive(payload.sub, principal.appId);
  }
}
