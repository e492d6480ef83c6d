import { ExtractJwt, StrategyOptionsWithoutRequest } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { TokenAudience } from '../../tokens/tokens.service';

export function jwtOptions(config: AppConfig, audience: TokenAudience): StrategyOptionsWithoutRequest {
  return {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKey: config.tokenSecret,
    audience,
    algorithms: ['HS256'],
    ignoreExpiration: false,
  };
}
