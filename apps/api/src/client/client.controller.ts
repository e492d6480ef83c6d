import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientAuth, ClientSessionAuth, RateLimit } from '../common/decorators/access.decorators';
import { ClientIp, CurrentClient } from '../common/decorators/principal.decorators';
import type { ClientPrincipal } from '../common/request';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { ClientService } from './client.service';
import {
  ClientLicenseLoginDto,
  ClientLicenseLoginResponseDto,
  ClientLoginDto,
  ClientLoginResponseDto,
  ClientLogoutResponseDto,
  ClientRegisterDto,
  ClientRegisterResponseDto,
  ClientSessionResponseDto,
} from './dto/client.dto';

const AUTH_ERRORS = ['VALIDATION_FAILED', 'INVALID_KEY', 'APP_DISABLED', 'BLACKLISTED', 'RATE_LIMITED'] as const;

@ApiTags('Client API')
@Controller('v1/client')
export class ClientController {
  constructor(private readonly client: ClientService) {}

  @Post('login')
  @ClientAuth()
  @RateLimit('client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Authenticate a user with username, password, and optional HWID' })
  @ApiEnvelope(ClientLoginResponseDto, {
    errors: [...AUTH_ERRORS, 'INVALID_CREDENTIALS', 'USER_BANNED', 'LICENSE_EXPIRED', 'HWID_MISMATCH'],
  })
  login(@CurrentClient() c: ClientPrincipal, @Body() dto: ClientLoginDto, @ClientIp() ip: string): Promise<ClientLoginResponseDto> {
    return this.client.login(c.app, dto, ip);
  }

  @Post('register')
  @ClientAuth()
  @RateLimit('client')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Register a new user with a license key',
    description: 'Redeems the key once: concurrent attempts with one key give exactly one success.',
  })
  @ApiEnvelope(ClientRegisterResponseDto, {
    errors: [...AUTH_ERRORS, 'INVALID_LICENSE', 'LICENSE_BANNED', 'LICENSE_EXPIRED', 'LICENSE_USED', 'USERNAME_TAKEN', 'FORBIDDEN'],
  })
  register(
    @CurrentClient() c: ClientPrincipal,
    @Body() dto: ClientRegisterDto,
    @ClientIp() ip: string,
  ): Promise<ClientRegisterResponseDto> {
    return this.client.register(c.app, dto, ip);
  }

  @Post('license')
  @ClientAuth()
  @RateLimit('client')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Login with license key only (no username/password)',
    description: 'The first use activates the key, starts its clock and binds the hardware id.',
  })
  @ApiEnvelope(ClientLicenseLoginResponseDto, {
    errors: [...AUTH_ERRORS, 'INVALID_LICENSE', 'LICENSE_BANNED', 'LICENSE_EXPIRED', 'LICENSE_USED', 'HWID_MISMATCH'],
  })
  license(
    @CurrentClient() c: ClientPrincipal,
    @Body() dto: ClientLicenseLoginDto,
    @ClientIp() ip: string,
  ): Promise<ClientLicenseLoginResponseDto> {
    return this.client.licenseLogin(c.app, dto, ip);
  }

  @Get('session')
  @ClientSessionAuth()
  @ApiOperation({ summary: 'Validate the client token; returns the user or the license' })
  @ApiEnvelope(ClientSessionResponseDto, { errors: ['INVALID_KEY', 'APP_DISABLED', 'UNAUTHORIZED'] })
  session(@CurrentClient() c: ClientPrincipal): ClientSessionResponseDto {
    return this.client.session(c);
  }

  @Post('logout')
  @ClientSessionAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session of the client token' })
  @ApiEnvelope(ClientLogoutResponseDto, { errors: ['INVALID_KEY', 'APP_DISABLED', 'UNAUTHORIZED'] })
  logout(@CurrentClient() c: ClientPrincipal): Promise<ClientLogoutResponseDto> {
    return this.client.logout(c);
  }
}
