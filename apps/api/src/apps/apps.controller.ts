import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Page } from '../common/page';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { IdParamDto } from '../common/dto/id-param.dto';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import { AppsService } from './apps.service';
import { AppResponseDto, CreateAppDto, CreatedAppResponseDto, DeletedResponseDto, UpdateAppDto } from './dto/app.dto';

@ApiTags('Apps')
@SellerAuth()
@Controller('v1/admin/apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  @ApiOperation({ summary: 'List your applications with user and license counts' })
  @ApiEnvelope(AppResponseDto, { list: true, errors: ['UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string): Promise<Page<AppResponseDto>> {
    return this.apps.list(sellerId);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an application',
    description: 'The answer carries `apiSecret` once; it is stored encrypted and never shown again.',
  })
  @ApiEnvelope(CreatedAppResponseDto, { status: 201, errors: ['VALIDATION_FAILED', 'UNAUTHORIZED'] })
  create(@CurrentSeller() sellerId: string, @Body() dto: CreateAppDto): Promise<CreatedAppResponseDto> {
    return this.apps.create(sellerId, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an application' })
  @ApiEnvelope(AppResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<AppResponseDto> {
    return this.apps.get(sellerId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update name, version, status and settings',
    description:
      'Only the fields sent change (one UPDATE of those columns, so a concurrent key rotation is never undone). No field here can be `null` (400 VALIDATION_FAILED).',
  })
  @ApiEnvelope(AppResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  update(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto, @Body() dto: UpdateAppDto): Promise<AppResponseDto> {
    return this.apps.update(sellerId, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete an application and everything in it',
    description:
      'Its users, license keys (those your resellers made too), files, webhooks and blacklist go with it. Resellers who sold it lose it ' +
      'from their apps and stay as they are otherwise (status, balance, their other apps); one left with no app cannot generate keys ' +
      'until you give it one. Their ledger keeps its spends on the app, with `app: null`. `GET /v1/admin/resellers?appId=` says ' +
      'beforehand who sells it.',
  })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.apps.remove(sellerId, id);
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the API key; the old one stops working at once' })
  @ApiEnvelope(AppResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  rotateKey(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<AppResponseDto> {
    return this.apps.rotateKey(sellerId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the app secret (the store integration key); the old one stops working at once',
    description:
      'The answer carries the new `apiSecret` once; it is stored as a hash and never shown again. With `Authorization: Bearer as_...` a web shop or payment webhook calls the admin routes of this app: licenses, users, blacklist and reading files.',
  })
  @ApiEnvelope(CreatedAppResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  rotateSecret(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<CreatedAppResponseDto> {
    return this.apps.rotateSecret(sellerId, id);
  }

  @Post(':id/regenerate-endpoint')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the Axora endpoint id; the old one stops working at once' })
  @ApiEnvelope(AppResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  regenerateEndpoint(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<AppResponseDto> {
    return this.apps.regenerateEndpoint(sellerId, id);
  }
}
