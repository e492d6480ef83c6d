import { Injectable } from '@nestjs/common';
import type {
  DeletedResponse,
  WebhookAttemptResponse,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from '@keyhold/contracts';
import { WEBHOOK_TEST_EVENT } from '@keyhold/contracts';
import { DataSource } from 'typeorm';
import { AppsRepository } from '../apps/apps.repository';
import { AppsService } from '../apps/apps.service';
import { encryptSecret } from '../common/crypto';
import { iso } from '../common/dates';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { Page } from '../common/page';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { CreateWebhookDto, ListWebhookDeliveriesQueryDto, UpdateWebhookDto } from './dto/webhook.dto';
import { WEBHOOK_MAX_ATTEMPTS } from './retry-schedule';
import { webhookUrlProblem } from './url-guard';
import { LoggedAttempt, LoggedDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { newWebhookSecret } from './webhook-signature';
import { WebhookEndpointPatch, WebhooksRepository } from './webhooks.repository';

/** An app's endpoints are few by design: each event fans out to every one of them. */
export const MAX_WEBHOOK_ENDPOINTS_PER_APP = 20;

export function toWebhookEndpointResponse(w: WebhookEndpointEntity): WebhookEndpointResponse {
  return {
    id: toPublicId('webhook', w.id),
    appId: toPublicId('app', w.appId),
    url: w.url,
    events: w.events,
    enabled: w.enabled,
    disabledReason: w.disabledReason,
    consecutiveFailures: w.consecutiveFailures,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

function toAttemptResponse(a: LoggedAttempt): WebhookAttemptResponse {
  return {
    attemptedAt: a.attemptedAt.toISOString(),
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    error: a.error,
    responseExcerpt: a.responseExcerpt,
  };
}

function toDeliveryResponse(d: LoggedDelivery, attempts: LoggedAttempt[]): WebhookDeliveryResponse {
  return {
    id: toPublicId('delivery', d.id),
    eventId: toPublicId('event', d.eventId),
    event: d.eventName,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    attemptLog: attempts.map(toAttemptResponse),
  };
}

/**
 * Webhook endpoints of a seller's apps and their delivery log. Sending is the WebhookWorker's;
 * deliveries of the eight events are written by EventsService.record (the outbox).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhooksRepository,
    private readonly deliveryLog: WebhookDeliveriesRepository,
    private readonly dataSource: DataSource,
    private readonly apps: AppsService,
    private readonly appRows: AppsRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async create(sellerId: string, dto: CreateWebhookDto): Promise<WebhookEndpointWithSecretResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    await this.assertUrlAllowed(dto.url);
    const secret = newWebhookSecret();
    const id = await this.dataSource.transaction(async (m) => {
      // The app's row lock serialises concurrent creations, so the cap holds.
      await this.appRows.lockById(app.id, m);
      const count = await this.endpoints.countForApp(app.id, m);
      if (count >= MAX_WEBHOOK_ENDPOINTS_PER_APP) {
        throw new DomainError('BAD_REQUEST', `An app can have at most ${MAX_WEBHOOK_ENDPOINTS_PER_APP} webhook endpoints`);
      }
      return this.endpoints.insert(
        {
          appId: app.id,
          url: dto.url,
          events: dto.events,
          enabled: dto.enabled ?? true,
          secretEncrypted: encryptSecret(this.config.masterKey, secret),
          disabledReason: null,
          consecutiveFailures: 0,
        },
        m,
      );
    });
    const created = await this.endpoints.findById(id);
    return { ...toWebhookEndpointResponse(created), secret };
  }

  async list(sellerId: string, appPublicId: string): Promise<Page<WebhookEndpointResponse>> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    const rows = await this.endpoints.listForApp(app.id);
    return Page.all(rows.map(toWebhookEndpointResponse));
  }

  async get(sellerId: string, publicId: string): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.findOwned(sellerId, publicId));
  }

  async update(sellerId: string, publicId: string, dto: UpdateWebhookDto): Promise<WebhookEndpointResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    if (dto.url !== undefined) await this.assertUrlAllowed(dto.url);
    const patch: WebhookEndpointPatch = {};
    if (dto.url !== undefined) patch.url = dto.url;
    if (dto.events !== undefined) patch.events = dto.events;
    if (dto.enabled !== undefined) {
      patch.enabled = dto.enabled;
      // Re-enabling starts afresh; a seller's own disabling needs no reason shown.
      patch.disabledReason = null;
      if (dto.enabled) patch.consecutiveFailures = 0;
    }
    if (Object.keys(patch).length > 0) await this.endpoints.update(endpoint.id, patch);
    return this.get(sellerId, publicId);
  }

  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    await this.endpoints.delete(endpoint.id); // its deliveries and their log go with it
    return { id: publicId, deleted: true };
  }

  /** A new signing secret, at once: the next attempt of every delivery is signed with it. */
  async rotateSecret(sellerId: string, publicId: string): Promise<WebhookEndpointWithSecretResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    const secret = newWebhookSecret();
    await this.endpoints.update(endpoint.id, { secretEncrypted: encryptSecret(this.config.masterKey, secret) });
    return { ...(await this.get(sellerId, publicId)), secret };
  }

  /**
   * Queues a `webhook.test` event for this endpoint only: an event row of the app (so the payload,
   * signature, retries and log are those of a real delivery) with a delivery to this endpoint and
   * no other. It goes out in order behind the endpoint's pending deliveries.
   */
  async sendTest(sellerId: string, publicId: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    this.assertEnabled(endpoint);
    const deliveryId = await this.dataSource.transaction((m) =>
      this.deliveryLog.insertWithEvent(
        endpoint.appId,
        WEBHOOK_TEST_EVENT,
        { webhookId: publicId, message: 'Test event from Keyhold' },
        endpoint.id,
        WEBHOOK_MAX_ATTEMPTS,
        m,
      ),
    );
    return this.deliveryResponse(endpoint.id, deliveryId);
  }

  async deliveries(sellerId: string, publicId: string, query: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    const endpoint = await this.findOwned(sellerId, publicId);
    const { rows, total } = await this.deliveryLog.pageForEndpoint(endpoint.id, query.status, query.page, query.limit);
    const attempts = await this.deliveryLog.attemptsOf(rows.map((r) => r.id));
    return new Page(
      rows.map((r) => toDeliveryResponse(r, attempts.get(r.id) ?? [])),
      { total, page: query.page, limit: query.limit },
    );
  }

  /**
   * Sends a delivery again, with the same `webhook-id` and body: it becomes pending, due now, with
   * a fresh round of retries. A delivery already in flight keeps its lease (no second request at
   * once). It takes its place in event order, so it goes out before the endpoint's later ones.
   */
  async redeliver(sellerId: string, publicId: string, deliveryPublicId: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    const deliveryId = fromPublicId('delivery', deliveryPublicId);
    if (!deliveryId) throw notFound('Delivery not found');
    this.assertEnabled(endpoint);
    const requeued = await this.deliveryLog.requeue(deliveryId, endpoint.id, WEBHOOK_MAX_ATTEMPTS);
    if (!requeued) throw notFound('Delivery not found');
    return this.deliveryResponse(endpoint.id, deliveryId);
  }

  /** An endpoint of one of the seller's apps, or 404. */
  async findOwned(sellerId: string, publicId: string): Promise<WebhookEndpointEntity> {
    const id = fromPublicId('webhook', publicId);
    const endpoint = id ? await this.endpoints.findOwned(id, sellerId) : null;
    if (!endpoint) throw notFound('Webhook endpoint not found');
    return endpoint;
  }

  private assertEnabled(endpoint: WebhookEndpointEntity): void {
    if (!endpoint.enabled) throw new DomainError('BAD_REQUEST', 'Webhook endpoint is disabled: enable it first');
  }

  private async assertUrlAllowed(url: string): Promise<void> {
    const problem = await webhookUrlProblem(url, this.config.webhooksAllowPrivateUrls);
    if (problem) throw new DomainError('VALIDATION_FAILED', 'Request validation failed', [{ field: 'url', reason: problem }]);
  }

  private async deliveryResponse(endpointId: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const row = await this.deliveryLog.findForEndpoint(deliveryId, endpointId);
    if (!row) throw notFound('Delivery not found');
    const attempts = await this.deliveryLog.attemptsOf([deliveryId]);
    return toDeliveryResponse(row, attempts.get(deliveryId) ?? []);
  }
}
