import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { Public, RateLimit, SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { LoginSellerDto, RegisterSellerDto } from './dto/register-seller.dto';
import { MeResponseDto, SellerAuthResponseDto } from './dto/seller-response.dto';
import { SellersService } from './sellers.service';

@ApiTags('Seller accounts')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly sellers: SellersService) {}

  @Post('register')
  @Public()
  @RateLimit('login', { per: 'ip' })
  @ApiOperation({
    summary: 'Create a seller account',
    description:
      'As SELLER_SIGNUP allows: `first` (the default) only while the server has no seller, `open` always, `closed` never (403 SIGNUP_CLOSED).',
  })
  @ApiEnvelope(SellerAuthResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'EMAIL_TAKEN', 'SIGNUP_CLOSED', 'RATE_LIMITED'] })
  register(@Body() dto: RegisterSellerDto): Promise<SellerAuthResponseDto> {
    return this.sellers.register(dto);
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as a seller', description: 'Rate limited per account and IP (RATE_LIMIT_LOGIN_PER_MIN).' })
  @ApiEnvelope(SellerAuthResponseDto, { errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'RATE_LIMITED'] })
  login(@Body() dto: LoginSellerDto): Promise<SellerAuthResponseDto> {
    return this.sellers.login(dto);
  }

  @Get('me')
  @SellerAuth()
  @ApiOperation({ summary: 'The signed-in seller' })
  @ApiEnvelope(MeResponseDto, { errors: ['UNAUTHORIZED'] })
  async me(@CurrentSeller() sellerId: string): Promise<MeResponseDto> {
    return { seller: await this.sellers.me(sellerId) };
  }
}
