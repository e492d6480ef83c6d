import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { Public, RateLimit, SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller, CurrentSellerSession, SignInFrom, type SignInOrigin } from '../common/decorators/principal.decorators';
import { LogoutDto, LogoutResponseDto } from '../common/dto/logout.dto';
import type { SellerPrincipal } from '../common/request';
import { ChangePasswordDto, LoginSellerDto, RegisterSellerDto, TwoFactorCodeDto } from './dto/register-seller.dto';
import {
  ChangePasswordResponseDto,
  MeResponseDto,
  SellerAuthResponseDto,
  SignupStatusResponseDto,
  TwoFactorDisableResponseDto,
  TwoFactorEnableResponseDto,
  TwoFactorSetupResponseDto,
} from './dto/seller-response.dto';
import { SellersService } from './sellers.service';
import { TwoFactorService } from './two-factor.service';

@ApiTags('Seller accounts')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly sellers: SellersService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get('signup')
  @Public()
  @ApiOperation({
    summary: 'Whether sign-up is open',
    description: 'What POST /v1/auth/register would do now under SELLER_SIGNUP, so the dashboard can say so before the form is filled in.',
  })
  @ApiEnvelope(SignupStatusResponseDto, { errors: ['RATE_LIMITED'] })
  async signupStatus(): Promise<SignupStatusResponseDto> {
    return { open: await this.sellers.signupOpen() };
  }

  @Post('register')
  @Public()
  @RateLimit('login', { per: 'ip' })
  @ApiOperation({
    summary: 'Create a seller account',
    description:
      'As SELLER_SIGNUP allows: `first` (the default) only while the server has no seller, `open` always, `closed` never (403 SIGNUP_CLOSED).',
  })
  @ApiEnvelope(SellerAuthResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'EMAIL_TAKEN', 'SIGNUP_CLOSED', 'RATE_LIMITED'] })
  register(@Body() dto: RegisterSellerDto, @SignInFrom() from: SignInOrigin): Promise<SellerAuthResponseDto> {
    return this.sellers.register(dto, from);
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in as a seller',
    description:
      'Rate limited per account and IP (RATE_LIMIT_LOGIN_PER_MIN) and per IP across accounts. With two-factor sign-in on, a correct password without `code` answers 401 TWO_FACTOR_REQUIRED, a wrong code 401 INVALID_TWO_FACTOR_CODE; `code` is the authenticator code (each 30-second code works once) or a recovery code (each works once). More than 10 codes in 15 minutes: 429 RATE_LIMITED with Retry-After.',
  })
  @ApiEnvelope(SellerAuthResponseDto, {
    errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'TWO_FACTOR_REQUIRED', 'INVALID_TWO_FACTOR_CODE', 'RATE_LIMITED'],
  })
  login(@Body() dto: LoginSellerDto, @SignInFrom() from: SignInOrigin): Promise<SellerAuthResponseDto> {
    return this.sellers.login(dto, from);
  }

  @Post('logout')
  @SellerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the token used (it answers 401 from now on), or with `everywhere` every token of the seller ("sign out everywhere").',
  })
  @ApiEnvelope(LogoutResponseDto, { errors: ['VALIDATION_FAILED', 'UNAUTHORIZED'] })
  async logout(@CurrentSellerSession() seller: SellerPrincipal, @Body() dto: LogoutDto): Promise<LogoutResponseDto> {
    return { sessionsEnded: await this.sellers.logout(seller, dto.everywhere) };
  }

  @Post('password')
  @SellerAuth()
  @RateLimit('login', { per: 'ip' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the password',
    description:
      'Checks `currentPassword` (401 INVALID_CREDENTIALS when wrong) and sets `newPassword`. The token used stays valid; every other token of the seller ends at once.',
  })
  @ApiEnvelope(ChangePasswordResponseDto, { errors: ['VALIDATION_FAILED', 'UNAUTHORIZED', 'INVALID_CREDENTIALS', 'RATE_LIMITED'] })
  changePassword(@CurrentSellerSession() seller: SellerPrincipal, @Body() dto: ChangePasswordDto): Promise<ChangePasswordResponseDto> {
    return this.sellers.changePassword(seller, dto);
  }

  @Post('2fa/setup')
  @SellerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start setting up two-factor sign-in',
    description:
      'A new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s) and its `otpauth://` URL for the QR code. Not in force until POST /v1/auth/2fa/enable confirms a code of it; calling setup again replaces it. While two-factor sign-in is on: 400 BAD_REQUEST.',
  })
  @ApiEnvelope(TwoFactorSetupResponseDto, { errors: ['BAD_REQUEST', 'UNAUTHORIZED'] })
  setupTwoFactor(@CurrentSeller() sellerId: string): Promise<TwoFactorSetupResponseDto> {
    return this.twoFactor.setup(sellerId);
  }

  @Post('2fa/enable')
  @SellerAuth()
  @RateLimit('login', { per: 'ip' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn two-factor sign-in on',
    description:
      'With a current code of the secret from setup (401 INVALID_TWO_FACTOR_CODE when wrong). Answers ten single-use recovery codes: shown this once, stored hashed.',
  })
  @ApiEnvelope(TwoFactorEnableResponseDto, {
    errors: ['VALIDATION_FAILED', 'BAD_REQUEST', 'UNAUTHORIZED', 'INVALID_TWO_FACTOR_CODE', 'RATE_LIMITED'],
  })
  async enableTwoFactor(@CurrentSeller() sellerId: string, @Body() dto: TwoFactorCodeDto): Promise<TwoFactorEnableResponseDto> {
    const recoveryCodes = await this.twoFactor.enable(sellerId, dto.code);
    return { recoveryCodes, seller: await this.sellers.me(sellerId) };
  }

  @Post('2fa/disable')
  @SellerAuth()
  @RateLimit('login', { per: 'ip' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn two-factor sign-in off',
    description:
      'With a current authenticator code or a recovery code (401 INVALID_TWO_FACTOR_CODE when wrong). The recovery codes go with it.',
  })
  @ApiEnvelope(TwoFactorDisableResponseDto, {
    errors: ['VALIDATION_FAILED', 'BAD_REQUEST', 'UNAUTHORIZED', 'TWO_FACTOR_REQUIRED', 'INVALID_TWO_FACTOR_CODE', 'RATE_LIMITED'],
  })
  async disableTwoFactor(@CurrentSeller() sellerId: string, @Body() dto: TwoFactorCodeDto): Promise<TwoFactorDisableResponseDto> {
    await this.twoFactor.disable(sellerId, dto.code);
    return { seller: await this.sellers.me(sellerId) };
  }

  @Get('me')
  @SellerAuth()
  @ApiOperation({ summary: 'The signed-in seller' })
  @ApiEnvelope(MeResponseDto, { errors: ['UNAUTHORIZED'] })
  async me(@CurrentSeller() sellerId: string): Promise<MeResponseDto> {
    return { seller: await this.sellers.me(sellerId) };
  }
}
