import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResponseDto } from '../apps/dto/app.dto';
import { SellerAuth } from '../common/decorators/access.decorators';
import { CurrentSeller } from '../common/decorators/principal.decorators';
import { AppIdQueryDto } from '../common/dto/app-id.dto';
import { IdParamDto } from '../common/dto/id-param.dto';
import { Page } from '../common/page';
import { ApiEnvelope } from '../docs/api-envelope.decorator';
import {
  CreateWebhookDto,
  DeliveryParamDto,
  ListWebhookDeliveriesQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryResponseDto,
  WebhookEndpointResponseDto,
  WebhookEndpointWithSecretResponseDto,
} from './dto/webhook.dto';
import { WEBHOOKS_DESCRIPTION } from './webhook-docs';
import { WebhooksService } from './webhooks.service';

@ApiTags('Webhooks')
@SellerAuth()
@Controller('v1/admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Create a webhook endpoint (its signing secret is shown this once)', description: WEBHOOKS_DESCRIPTION })
  @ApiEnvelope(WebhookEndpointWithSecretResponseDto, {
    status: 201,
    errors: ['VALIDATION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED'],
  })
  create(@CurrentSeller() sellerId: string, @Body() dto: CreateWebhookDto): Promise<WebhookEndpointWithSecretResponseDto> {
    return this.webhooks.create(sellerId, dto);
  }

  @Get()
  @ApiOperation({ summary: "List an app's webhook endpoints" })
  @ApiEnvelope(WebhookEndpointResponseDto, { list: true, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  list(@CurrentSeller() sellerId: string, @Query() { appId }: AppIdQueryDto): Promise<Page<WebhookEndpointResponseDto>> {
    return this.webhooks.list(sellerId, appId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook endpoint' })
  @ApiEnvelope(WebhookEndpointResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  get(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.get(sellerId, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the URL, the events, or enable and disable',
    description: '`enabled: true` also clears `disabledReason` and the failure count; pending deliveries then resume.',
  })
  @ApiEnvelope(WebhookEndpointResponseDto, { errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  update(
    @CurrentSeller() sellerId: string,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.update(sellerId, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook endpoint with its pending deliveries and its log' })
  @ApiEnvelope(DeletedResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  remove(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<DeletedResponseDto> {
    return this.webhooks.remove(sellerId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the signing secret (the new one is shown this once)',
    description: 'Takes effect at once: every later attempt is signed with the new secret.',
  })
  @ApiEnvelope(WebhookEndpointWithSecretResponseDto, { errors: ['NOT_FOUND', 'UNAUTHORIZED'] })
  rotateSecret(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<WebhookEndpointWithSecretResponseDto> {
    return this.webhooks.rotateSecret(sellerId, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a test event to this endpoint',
    description:
      'Queues a `webhook.test` event (data `{webhookId, message}`) for this endpoint only, signed and retried like any delivery; it goes out behind the endpoint’s pending deliveries. The endpoint must be enabled.',
  })
  @ApiEnvelope(WebhookDeliveryResponseDto, { status: 202, errors: ['BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED'] })
  test(@CurrentSeller() sellerId: string, @Param() { id }: IdParamDto): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.sendTest(sellerId, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "An endpoint's delivery log, newest event first, with every attempt" })
  @ApiEnvelope(WebhookDeliveryResponseDto, { list: true, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] })
  deliveries(
    @CurrentSeller() sellerId: string,
    @Param() { id }: IdParamDto,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryResponseDto>> {
    return this.webhooks.deliveries(sellerId, id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again (same webhook-id and body)',
    description: 'The delivery becomes pending, due now, with a fresh round of retries. The endpoint must be enabled.',
  })
  @ApiEnvelope(WebhookDeliveryResponseDto, { status: 202, errors: ['BAD_REQUEST', 'NOT_FOUND', 'UNAUTHORIZED'] })
  redeliver(@CurrentSeller() sellerId: string, @Param() { id, deliveryId }: DeliveryParamDto): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.redeliver(sellerId, id, deliveryId);
  }
}
