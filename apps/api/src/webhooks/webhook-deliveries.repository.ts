import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryEventName } from '@keyhold/contracts';
import { EntityManager, In } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import type { SendResult } from './webhook-sender';

/** A delivery as the log shows it, with its event's name. */
export type LoggedDelivery = Pick<
  WebhookDeliveryEntity,
  'id' | 'eventId' | 'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'createdAt'
> & { eventName: WebhookDeliveryEventName };

/** One attempt of a delivery, as the log shows it. */
export type LoggedAttempt = Pick<
  WebhookAttemptEntity,
  'deliveryId' | 'attemptedAt' | 'statusCode' | 'latencyMs' | 'error' | 'responseExcerpt'
>;

/** A delivery this worker holds the lease of, with what it needs to send it. */
export interface ClaimedDelivery
  extends
    Pick<WebhookDeliveryEntity, 'id' | 'attempts' | 'maxAttempts' | 'endpointId'>,
    Pick<WebhookEndpointEntity, 'url' | 'secretEncrypted'> {
  /** The attempt number this claim started; the outcome is written only if it is still current. */
  attempts: number;
  eventId: string;
  eventName: WebhookDeliveryEventName;
  eventData: Record<string, unknown>;
  eventCreatedAt: Date;
}

/** A delivery's state, read under its row lock before an attempt's outcome is written. */
export type DeliveryProgress = Pick<WebhookDeliveryEntity, 'status' | 'attempts' | 'maxAttempts'>;

/** A failed (not interrupted) attempt: the delivery either waits `delayMs` for the next or fails for good. */
export interface FailedAttempt {
  final: boolean;
  delayMs: number;
  statusCode: number | null;
  error: string | null;
}

/**
 * The columns `claimHeads` returns, as the driver hands them over (jsonb and timestamps may come as
 * text): webhook_deliveries d, webhook_endpoints w, events e. Mapped once, to ClaimedDelivery.
 */
interface ClaimedColumns {
  id: string;
  attempts: number;
  max_attempts: number;
  endpoint_id: string;
  url: string;
  secret_encrypted: string;
  event_id: string;
  event_name: WebhookDeliveryEventName;
  event_data: Record<string, unknown> | string;
  event_created_at: Date | string;
}

/** The webhook_deliveries columns `lockProgress` reads. */
interface ProgressColumns {
  status: WebhookDeliveryEntity['status'];
  attempts: number;
  max_attempts: number;
}

/** The columns of DELIVERY_COLUMNS (webhook_deliveries d, events e). Mapped once, to LoggedDelivery. */
interface DeliveryLogColumns {
  id: string;
  event_id: string;
  event_name: WebhookDeliveryEventName;
  status: WebhookDeliveryEntity['status'];
  attempts: number;
  next_attempt_at: Date | string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date | string;
}

const DELIVERY_COLUMNS = `d.id, d.event_id, e.name AS event_name, d.status, d.attempts, d.next_attempt_at,
  d.last_status_code, d.last_error, d.created_at`;

function toLoggedDelivery(r: DeliveryLogColumns): LoggedDelivery {
  return {
    id: r.id,
    eventId: r.event_id,
    eventName: r.event_name,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: new Date(r.next_attempt_at),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
  };
}

/**
 * Webhook deliveries (the outbox, written with their event by EventsRepository) and their attempts:
 * the worker's claims and leases, the bookkeeping of each attempt's outcome (retry backoff, the
 * endpoint's run of failures and its automatic disabling) and the seller's delivery log.
 *
 * Plain reads and writes go through the EntityManager; SQL stays where a statement claims with
 * `SKIP LOCKED`, locks, joins the event, counts, or sets a column from itself (`attempts + 1`).
 */
@Injectable()
export class WebhookDeliveriesRepository extends BaseRepository {
  /**
   * Leases up to `limit` due head-of-line deliveries (one per enabled endpoint: its oldest pending
   * one) for `leaseMs` and starts their attempt. Rows another worker is claiming right now are
   * skipped (`FOR UPDATE SKIP LOCKED`), and the lease is taken in the same statement, so two
   * workers never claim the same delivery.
   */
  async claimHeads(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows: ClaimedColumns[] = await this.dataSource.query(
      `WITH heads AS (
         SELECT h.id
           FROM webhook_endpoints w
           CROSS JOIN LATERAL (
             SELECT d.id FROM webhook_deliveries d
              WHERE d.endpoint_id = w.id AND d.status = 'pending'
              ORDER BY d.event_seq, d.id
              LIMIT 1
           ) h
          WHERE w.enabled
       ), due AS (
         SELECT d.id FROM webhook_deliveries d
          WHERE d.id IN (SELECT id FROM heads)
            AND d.status = 'pending'
            AND d.next_attempt_at <= now()
            AND (d.locked_until IS NULL OR d.locked_until <= now())
          ORDER BY d.next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d
            SET locked_until = now() + make_interval(secs => $2::double precision / 1000),
                attempts = d.attempts + 1,
                updated_at = now()
           FROM due, webhook_endpoints w, events e
          WHERE d.id = due.id AND w.id = d.endpoint_id AND e.id = d.event_id
         RETURNING d.id, d.attempts, d.max_attempts, d.endpoint_id, w.url, w.secret_encrypted,
                   e.id AS event_id, e.name AS event_name, e.data AS event_data, e.created_at AS event_created_at
       )
       SELECT * FROM claimed`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      id: r.id,
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
      endpointId: r.endpoint_id,
      url: r.url,
      secretEncrypted: r.secret_encrypted,
      eventId: r.event_id,
      eventName: r.event_name,
      eventData: typeof r.event_data === 'string' ? (JSON.parse(r.event_data) as Record<string, unknown>) : r.event_data,
      eventCreatedAt: new Date(r.event_created_at),
    }));
  }

  /**
   * Locks the delivery (`FOR UPDATE`) for the rest of `m`'s transaction and reads its progress;
   * undefined when it is gone (its endpoint, and with it its log, was deleted meanwhile).
   */
  async lockProgress(id: string, m: EntityManager): Promise<DeliveryProgress | undefined> {
    const [row]: ProgressColumns[] = await m.query(
      `SELECT status, attempts, max_attempts FROM webhook_deliveries WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) return undefined;
    return { status: row.status, attempts: Number(row.attempts), maxAttempts: Number(row.max_attempts) };
  }

  /** Adds an attempt to the delivery's log. */
  async insertAttempt(deliveryId: string, attemptedAt: Date, r: SendResult, m?: EntityManager): Promise<void> {
    await this.db(m).insert(WebhookAttemptEntity, {
      deliveryId,
      attemptedAt,
      statusCode: r.statusCode,
      latencyMs: r.latencyMs,
      error: r.error,
      responseExcerpt: r.responseExcerpt,
    });
  }

  /** The delivery succeeded: done, lease released (updated_at is the entity's update date column). */
  async markSucceeded(id: string, statusCode: number | null, m?: EntityManager): Promise<void> {
    await this.db(m).update(
      WebhookDeliveryEntity,
      { id },
      { status: 'succeeded', lockedUntil: null, lastStatusCode: statusCode, lastError: null },
    );
  }

  /**
   * The attempt was cut short by a shutdown: due again at once, lease released, and the attempt
   * does not count against the round (max_attempts goes up with it).
   */
  async requeueInterrupted(id: string, error: string | null, m?: EntityManager): Promise<void> {
    await this.db(m).query(
      `UPDATE webhook_deliveries
          SET next_attempt_at = now(), locked_until = NULL, max_attempts = max_attempts + 1,
              last_status_code = NULL, last_error = $2, updated_at = now()
        WHERE id = $1`,
      [id, error],
    );
  }

  /** The attempt failed: the delivery fails for good or waits `delayMs` for the next; lease released. */
  async markFailedAttempt(id: string, f: FailedAttempt, m?: EntityManager): Promise<void> {
    await this.db(m).query(
      `UPDATE webhook_deliveries
          SET status = $2::varchar,
              next_attempt_at = CASE WHEN $2::varchar = 'pending' THEN now() + make_interval(secs => $3::double precision / 1000) ELSE next_attempt_at END,
              locked_until = NULL, last_status_code = $4, last_error = $5, updated_at = now()
        WHERE id = $1`,
      [id, f.final ? 'failed' : 'pending', f.delayMs, f.statusCode, f.error],
    );
  }

  /**
   * A success ends the endpoint's run of failures (no write when there was none). SQL: an entity
   * update would also set updated_at, which shows the seller's last change of the endpoint.
   */
  async clearEndpointFailures(endpointId: string, m?: EntityManager): Promise<void> {
    await this.db(m).query(`UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`, [
      endpointId,
    ]);
  }

  /**
   * Counts a failed attempt against the endpoint and disables it, with `reason`, once `disableAfter`
   * attempts in a row failed. True when this very call disabled it (it was enabled before).
   */
  async countEndpointFailure(endpointId: string, disableAfter: number, reason: string, m?: EntityManager): Promise<boolean> {
    const [endpoint]: Array<{ disabled: boolean }> = await this.db(m).query(
      `WITH before AS (SELECT enabled FROM webhook_endpoints WHERE id = $1),
       updated AS (
         UPDATE webhook_endpoints
            SET consecutive_failures = consecutive_failures + 1,
                disabled_reason = CASE WHEN enabled AND consecutive_failures + 1 >= $2 THEN $3 ELSE disabled_reason END,
                enabled = enabled AND consecutive_failures + 1 < $2,
                updated_at = now()
          WHERE id = $1
         RETURNING enabled
       )
       SELECT (b.enabled AND NOT u.enabled) AS disabled FROM before b, updated u`,
      [endpointId, disableAfter, reason],
    );
    return endpoint?.disabled === true;
  }

  /** One page of the endpoint's deliveries, latest event first, optionally of one status; and their total. */
  async pageForEndpoint(
    endpointId: string,
    status: WebhookDeliveryEntity['status'] | undefined,
    page: number,
    limit: number,
  ): Promise<{ rows: LoggedDelivery[]; total: number }> {
    const params: unknown[] = [endpointId];
    let where = 'd.endpoint_id = $1';
    if (status) {
      params.push(status);
      where += ` AND d.status = $${params.length}`;
    }
    const [{ total }]: Array<{ total: string }> = await this.dataSource.query(
      `SELECT count(*) AS total FROM webhook_deliveries d WHERE ${where}`,
      params,
    );
    const rows: DeliveryLogColumns[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS}
         FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE ${where}
        ORDER BY d.event_seq DESC, d.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, (page - 1) * limit],
    );
    return { rows: rows.map(toLoggedDelivery), total: Number(total) };
  }

  /** The delivery if it is one of the endpoint's. */
  async findForEndpoint(deliveryId: string, endpointId: string, m?: EntityManager): Promise<LoggedDelivery | undefined> {
    const [row]: DeliveryLogColumns[] = await this.db(m).query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.id = $1 AND d.endpoint_id = $2`,
      [deliveryId, endpointId],
    );
    return row && toLoggedDelivery(row);
  }

  /**
   * Makes the endpoint's delivery pending again, due now, with `roundAttempts` more attempts. A
   * delivery already in flight keeps its lease. False when the endpoint has no such delivery.
   */
  async requeue(deliveryId: string, endpointId: string, roundAttempts: number): Promise<boolean> {
    const rows: Array<Pick<WebhookDeliveryEntity, 'id'>> = await this.dataSource.query(
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
      [deliveryId, endpointId, roundAttempts],
    );
    return rows.length > 0;
  }

  /** The attempts of these deliveries, oldest first, by delivery. */
  async attemptsOf(deliveryIds: string[], m?: EntityManager): Promise<Map<string, LoggedAttempt[]>> {
    const byDelivery = new Map<string, LoggedAttempt[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const rows: LoggedAttempt[] = await this.db(m).find(WebhookAttemptEntity, {
      select: { deliveryId: true, attemptedAt: true, statusCode: true, latencyMs: true, error: true, responseExcerpt: true },
      where: { deliveryId: In(deliveryIds) },
      order: { attemptedAt: 'ASC', id: 'ASC' },
    });
    for (const r of rows) byDelivery.set(r.deliveryId, [...(byDelivery.get(r.deliveryId) ?? []), r]);
    return byDelivery;
  }

  /**
   * Writes an event of the app (a test event) with a delivery (of `maxAttempts` attempts) to this one endpoint
   * and no other, whatever its subscriptions, in one statement; the delivery's id. It takes its
   * place in event order behind the endpoint's pending deliveries.
   */
  async insertWithEvent(
    appId: string,
    name: WebhookDeliveryEventName,
    data: Record<string, unknown>,
    endpointId: string,
    maxAttempts: number,
    m?: EntityManager,
  ): Promise<string> {
    const [row]: Array<Pick<WebhookDeliveryEntity, 'id'>> = await this.db(m).query(
      `WITH event AS (
         INSERT INTO events (app_id, name, data) VALUES ($1, $2, $3::jsonb) RETURNING id, seq
       ), delivery AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, max_attempts)
         SELECT $4, event.id, event.seq, $5 FROM event
         RETURNING id
       )
       SELECT id FROM delivery`,
      [appId, name, JSON.stringify(data), endpointId, maxAttempts],
    );
    return row.id;
  }
}
