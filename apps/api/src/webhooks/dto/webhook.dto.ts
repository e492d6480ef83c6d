import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookAttemptResponse,
  WebhookDeliveryEventName,
  WebhookDeliveryResponse,
  WebhookDeliveryStatus,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
  WebhookEventName,
} from '@keyhold/contracts';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT } from '@keyhold/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, IsUrl, MaxLength } from 'class-validator';
import { Optional } from '../../common/validation';
import { PageQueryDto } from '../../common/dto/pagination.dto';

const URL_RULES = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true };
const URL_MESSAGE = 'url must be an absolute http(s) URL';

export class CreateWebhookDto implements CreateWebhookRequest {
  @ApiProperty({ example: 'app_0f6c1d2e3b4a59687766554433221100' }) @IsString() @MaxLength(64) appId: string;

  @ApiProperty({
    example: 'https://example.com/keyhold/webhooks',
    maxLength: 2048,
    description:
      'http(s). Hosts resolving to loopback, private or link-local addresses are refused unless WEBHOOKS_ALLOW_PRIVATE_URLS is set.',
  })
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_RULES, { message: URL_MESSAGE })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['user.login', 'license.activate'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEventName[];

  @ApiPropertyOptional({ default: true }) @Optional() @IsBoolean() enabled?: boolean;
}

export class UpdateWebhookDto implements UpdateWebhookRequest {
  @ApiPropertyOptional({ maxLength: 2048 })
  @Optional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_RULES, { message: URL_MESSAGE })
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEventName[];

  @ApiPropertyOptional({ description: 'true (re-enabling) also clears `disabledReason` and `consecutiveFailures`' })
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListWebhookDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @Optional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

/** `:id/deliveries/:deliveryId`; both ids are checked by the service (a bad one is a 404). */
export class DeliveryParamDto {
  @ApiProperty({ description: 'Webhook endpoint id (wh_...)' }) @IsString() @MaxLength(64) id: string;
  @ApiProperty({ description: 'Delivery id (whd_...)' }) @IsString() @MaxLength(64) deliveryId: string;
}

export class WebhookEndpointResponseDto implements WebhookEndpointResponse {
  @ApiProperty({ example: 'wh_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty() appId: string;
  @ApiProperty({ example: 'https://example.com/keyhold/webhooks' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEventName[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why Keyhold disabled the endpoint by itself' }) disabledReason: string | null;
  @ApiProperty({ description: 'Failed attempts in a row (0 after any success)' }) consecutiveFailures: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class WebhookEndpointWithSecretResponseDto extends WebhookEndpointResponseDto implements WebhookEndpointWithSecretResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0s8Ew1dX3rM=', description: 'Signing secret, shown this once' })
  secret: string;
}

export class WebhookAttemptResponseDto implements WebhookAttemptResponse {
  @ApiProperty() attemptedAt: string;
  @ApiProperty({ nullable: true, type: 'integer', description: 'null: no HTTP answer' }) statusCode: number | null;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'First kilobyte of the answer' }) responseExcerpt: string | null;
}

export class WebhookDeliveryResponseDto implements WebhookDeliveryResponse {
  @ApiProperty({ example: 'whd_0f6c1d2e3b4a59687766554433221100' }) id: string;
  @ApiProperty({ example: 'evt_0f6c1d2e3b4a59687766554433221100', description: 'The webhook-id header and the payload id' })
  eventId: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT] }) event: WebhookDeliveryEventName;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [WebhookAttemptResponseDto] }) attemptLog: WebhookAttemptResponseDto[];
}
