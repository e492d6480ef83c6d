import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  DeletedResponse,
  WebhookAttemptResponse,
  WebhookDeliveryEventName,
  WebhookDeliveryResponse,
  WebhookDeliveryStatus,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from '@keyhold/contracts';
import { WEBHOOK_TEST_EVENT } from '@keyhold/contracts';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
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
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { newWebhookSecret } from './webhook-signature';

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

interface DeliveryRow {
  id: string;
  event_id: string;
  event_name: WebhookDeliveryEventName;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
}

interface AttemptRow {
  delivery_id: string;
  attempted_at: Date;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

const DELIVERY_COLUMNS = `d.id, d.event_id, e.name AS event_name, d.status, d.attempts, d.next_attempt_at,
  d.last_status_code, d.last_error, d.created_at`;

function toAttemptResponse(a: AttemptRow): WebhookAttemptResponse {
  return {
    attemptedAt: new Date(a.attempted_at).toISOString(),
    statusCode: a.status_code,
    latencyMs: Number(a.latency_ms),
    error: a.error,
    responseExcerpt: a.response_excerpt,
  };
}

function toDeliveryResponse(d: DeliveryRow, attempts: AttemptRow[]): WebhookDeliveryResponse {
  return {
    id: toPublicId('delivery', d.id),
    eventId: toPublicId('event', d.event_id),
    event: d.event_name,
    status: d.status,
    attempts: Number(d.attempts),
    nextAttemptAt: d.status === 'pending' ? iso(new Date(d.next_attempt_at)) : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: new Date(d.created_at).toISOString(),
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
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
    private readonly dataSource: DataSource,
    private readonly apps: AppsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async create(sellerId: string, dto: CreateWebhookDto): Promise<WebhookEndpointWithSecretResponse> {
    const app = await this.apps.findOwned(sellerId, dto.appId);
    await this.assertUrlAllowed(dto.url);
    const secret = newWebhookSecret();
    const saved = await this.dataSource.transaction(async (m) => {
      // The app's row lock serialises concurrent creations, so the cap holds.
      await m.getRepository(AppEntity).findOne({ where: { id: app.id }, lock: { mode: 'pessimistic_write' } });
      const count = await m.getRepository(WebhookEndpointEntity).count({ where: { appId: app.id } });
      if (count >= MAX_WEBHOOK_ENDPOINTS_PER_APP) {
        throw new DomainError('BAD_REQUEST', `An app can have at most ${MAX_WEBHOOK_ENDPOINTS_PER_APP} webhook endpoints`);
      }
      return m.getRepository(WebhookEndpointEntity).save({
        appId: app.id,
        url: dto.url,
        events: dto.events,
        enabled: dto.enabled ?? true,
        secretEncrypted: encryptSecret(this.config.masterKey, secret),
        disabledReason: null,
        consecutiveFailures: 0,
      });
    });
    const created = await this.endpoints.findOneByOrFail({ id: saved.id });
    return { ...toWebhookEndpointResponse(created), secret };
  }

  async list(sellerId: string, appPublicId: string): Promise<Page<WebhookEndpointResponse>> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    const rows = await this.endpoints.find({ where: { appId: app.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return Page.all(rows.map(toWebhookEndpointResponse));
  }

  async get(sellerId: string, publicId: string): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.findOwned(sellerId, publicId));
  }

  async update(sellerId: string, publicId: string, dto: UpdateWebhookDto): Promise<WebhookEndpointResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    if (dto.url !== undefined) await this.assertUrlAllowed(dto.url);
    const patch: Partial<WebhookEndpointEntity> = {};
    if (dto.url !== undefined) patch.url = dto.url;
    if (dto.events !== undefined) patch.events = dto.events;
    if (dto.enabled !== undefined) {
      patch.enabled = dto.enabled;
      // Re-enabling starts afresh; a seller's own disabling needs no reason shown.
      patch.disabledReason = null;
      if (dto.enabled) patch.consecutiveFailures = 0;
    }
    if (Object.keys(patch).length > 0) await this.endpoints.update({ id: endpoint.id }, patch);
    return this.get(sellerId, publicId);
  }

  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    await this.endpoints.delete({ id: endpoint.id }); // its deliveries and their log go with it
    return { id: publicId, deleted: true };
  }

  /** A new signing secret, at once: the next attempt of every delivery is signed with it. */
  async rotateSecret(sellerId: string, publicId: string): Promise<WebhookEndpointWithSecretResponse> {
    const endpoint = await this.findOwned(sellerId, publicId);
    const secret = newWebhookSecret();
    await this.endpoints.update({ id: endpoint.id }, { secretEncrypted: encryptSecret(this.config.masterKey, secret) });
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
    const deliveryId = await this.dataSource.transaction(async (m) => {
      const [row]: Array<{ id: string }> = await m.query(
        `WITH event AS (
           INSERT INTO events (app_id, name, data) VALUES ($1, $2, $3::jsonb) RETURNING id, seq
         ), delivery AS (
           INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, max_attempts)
           SELECT $4, event.id, event.seq, $5 FROM event
           RETURNING id
         )
         SELECT id FROM delivery`,
        [
          endpoint.appId,
          WEBHOOK_TEST_EVENT,
          JSON.stringify({ webhookId: publicId, message: 'Test event from Keyhold' }),
          endpoint.id,
          WEBHOOK_MAX_ATTEMPTS,
        ],
      );
      return row.id;
    });
    return this.deliveryResponse(this.dataSource.manager, endpoint.id, deliveryId);
  }

  async deliveries(sellerId: string, publicId: string, query: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    const endpoint = await this.findOwned(sellerId, publicId);
    const params: unknown[] = [endpoint.id];
    let where = 'd.endpoint_id = $1';
    if (query.status) {
      params.push(query.status);
      where += ` AND d.status = $${params.length}`;
    }
    const [{ total }]: Array<{ total: string }> = await this.dataSource.query(
      `SELECT count(*) AS total FROM webhook_deliveries d WHERE ${where}`,
      params,
    );
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS}
         FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE ${where}
        ORDER BY d.event_seq DESC, d.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, (query.page - 1) * query.limit],
    );
    const attempts = await this.attemptsOf(this.dataSource.manager, rows.map((r) => r.id));
    return new Page(
      rows.map((r) => toDeliveryResponse(r, attempts.get(r.id) ?? [])),
      { total: Number(total), page: query.page, limit: query.limit },
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
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH requeued AS (
         UPDATE webhook_deliveries
            SET status = 'pending',
                next_attempt_at = now(),
                max_attempts = attempts + $3,
                locked_until = CASE WHEN status = 'pending' THEN locked_until ELSE NULL END,
                updated_at = now()
          WHERE id = $1 AND endpoint_id = $2
         RETURNING id
       )
       SELECT id FROM requeued`,
      [deliveryId, endpoint.id, WEBHOOK_MAX_ATTEMPTS],
    );
    if (rows.length === 0) throw notFound('Delivery not found');
    return this.deliveryResponse(this.dataSource.manager, endpoint.id, deliveryId);
  }

  /** An endpoint of one of the seller's apps, or 404. */
  async findOwned(sellerId: string, publicId: string): Promise<WebhookEndpointEntity> {
    const id = fromPublicId('webhook', publicId);
    const endpoint = id
      ? await this.endpoints
          .createQueryBuilder('w')
          .innerJoin(AppEntity, 'a', 'a.id = w.app_id')
          .where('w.id = :id AND a.seller_id = :sellerId', { id, sellerId })
          .getOne()
      : null;
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

  private async deliveryResponse(m: EntityManager, endpointId: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const [row]: DeliveryRow[] = await m.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.id = $1 AND d.endpoint_id = $2`,
      [deliveryId, endpointId],
    );
    if (!row) throw notFound('Delivery not found');
    const attempts = await this.attemptsOf(m, [deliveryId]);
    return toDeliveryResponse(row, attempts.get(deliveryId) ?? []);
  }

  private async attemptsOf(m: EntityManager, deliveryIds: string[]): Promise<Map<string, AttemptRow[]>> {
    const byDelivery = new Map<string, AttemptRow[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const rows: AttemptRow[] = await m.query(
      `SELECT delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt
         FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[])
        ORDER BY attempted_at, id`,
      [deliveryIds],
    );
    for (const r of rows) byDelivery.set(r.delivery_id, [...(byDelivery.get(r.delivery_id) ?? []), r]);
    return byDelivery;
  }
}
