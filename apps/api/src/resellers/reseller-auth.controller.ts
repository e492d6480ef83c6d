import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimit, ResellerAuth } from '../common/decorators/access.decorators';
import { CurrentReseller, SignInFrom, type SignInOrigin } from '../common/decorators/principal.decorators';
import { LogoutDto, LogoutResponseDto } from '../common/dto/logout.dto';
import type { ResellerPrincipal } from '../common/request';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { ResellerAuthResponseDto, ResellerLoginDto } from './dto/reseller-portal.dto';
import { ResellerAuthService } from './reseller-auth.service';

@ApiTags('Resellers (reseller)')
@Controller('v1/reseller/auth')
export class ResellerAuthController {
  constructor(private readonly auth: ResellerAuthService) {}

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in as a reseller',
    description:
      "`sellerId`, `username` and `password`. A reseller belongs to one seller and usernames are unique per seller (case-insensitive): the seller's dashboard hands out a portal link that carries `sellerId`. Without it: 400 VALIDATION_FAILED. A suspended reseller gets 403 RESELLER_SUSPENDED (after a correct password only). Rate limited per account and IP (RATE_LIMIT_LOGIN_PER_MIN), and per IP across accounts.",
  })
  @ApiEnvelope(ResellerAuthResponseDto, { errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'RESELLER_SUSPENDED', 'RATE_LIMITED'] })
  login(@Body() dto: ResellerLoginDto, @SignInFrom() from: SignInOrigin): Promise<ResellerAuthResponseDto> {
    return this.auth.login(dto, from);
  }

  @Post('logout')
  @ResellerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign out',
    description: 'Ends the token used (it answers 401 from now on), or with `everywhere` every token of the reseller.',
  })
  @ApiEnvelope(LogoutResponseDto, { errors: ['VALIDATION_FAILED', 'UNAUTHORIZED', 'RESELLER_SUSPENDED'] })
  async logout(@CurrentReseller() reseller: ResellerPrincipal, @Body() dto: LogoutDto): Promise<LogoutResponseDto> {
    return { sessionsEnded: await this.auth.logout(reseller, dto.everywhere) };
  }
}
