import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimit } from '../common/decorators/access.decorators';
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
      'Username and password, as on a KeyAuth reseller panel. Usernames are unique per seller (case-insensitive); the password picks the account, and `sellerId` is needed only when the same username and password exist under two sellers. A suspended reseller gets 403 RESELLER_SUSPENDED (after a correct password only). Rate limited per account and IP (RATE_LIMIT_LOGIN_PER_MIN).',
  })
  @ApiEnvelope(ResellerAuthResponseDto, { errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'RESELLER_SUSPENDED', 'RATE_LIMITED'] })
  login(@Body() dto: ResellerLoginDto): Promise<ResellerAuthResponseDto> {
    return this.auth.login(dto);
  }
}
