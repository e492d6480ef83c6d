import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decryptSecret } from '../common/crypto';
import { toPublicId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { retryDelayMs, WEBHOOK_DISABLE_AFTER_FAILURES, WEBHOOK_MAX_ATTEMPTS } from './retry-schedule';
import { logText, sendWebhook, SendResult } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

/** A delivery this worker holds the lease of, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  /** The attempt number this claim started; the outcome is written only if it is still current. */
  attempts: number;
  maxAttempts: number;
  endpointId: string;
  url: string;
  secretEncrypted: string;
  eventId: string;
  eventName: string;
  eventData: Record<string, unknown>;
  eventCreatedAt: Date;
}

interface ClaimedRow {
  id: string;
  attempts: number;
  max_attempts: number;
  endpoint_id: string;
  url: string;
  secret_encrypted: string;
  event_id: string;
  event_name: string;
  event_data: Record<string, unknown>;
  event_created_at: Date | string;
}

/** The JSON body of a delivery: `{id, event, timestamp, data}`, the same bytes on every attempt. */
export function webhookBody(d: Pick<ClaimedDelivery, 'eventId' | 'eventName' | 'eventData' | 'eventCreatedAt'>): string {
  return JSON.stringify({
    id: toPublicId('event', d.eventId),
    event: d.eventName,
    timestamp: d.eventCreatedAt.toISOString(),
    data: d.eventData,
  });
}

/**
 * Sends the delivery outbox. Every API process runs one; they share the work through the database:
 *
 * - A claim takes, for each enabled endpoint, only the oldest pending delivery (its head of line),
 *   and only when it is due and not leased, with `FOR UPDATE SKIP LOCKED`, and leases it
 *   (locked_until = now + 2 × WEBHOOK_TIMEOUT_MS + 1 s) in the same statement. So one endpoint has
 *   at most one request in flight, its deliveries go out in event order, and a later delivery
 *   waits while an earlier one is pending a retry.
 * - The HTTP request runs outside any transaction (no connection is held while waiting), and the
 *   poll does not wait for requests to finish: up to MAX_IN_FLIGHT run at once per process.
 * - The outcome is written only if the delivery's attempt count is still the one claimed: a worker
 *   whose lease ran out (it stalled, or was killed) cannot overwrite a newer attempt. A worker that
 *   dies mid-delivery leaves its lease, which expires, and the delivery is sent again (delivery is
 *   at least once; receivers drop duplicates by `webhook-id`).
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  /** Most deliveries one claim takes (each of a different endpoint). */
  static readonly BATCH = 20;
  /** Most requests one process has in flight; a slow receiver holds one slot, not a whole batch. */
  static readonly MAX_IN_FLIGHT = 50;
  private readonly logger = new Logger(WebhookWorker.name);
  private timer?: NodeJS.Timeout;
  /** The interval's claim in progress: never two at once. */
  private polling?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly runs = new Set<Promise<number>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** How long a claim is held: the attempt's timeout plus room to record its outcome. */
  get leaseMs(): number {
    return 2 * this.config.webhookTimeoutMs + 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.webhookPollIntervalMs);
    this.timer.unref();
  }

  /** Stops polling, aborts requests in flight (they are recorded and sent again) and waits for them. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.polling;
    await Promise.allSettled([...this.runs]);
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * One poll of the interval: claims as many due deliveries as there are free slots and starts them
   * without waiting for them to finish; polls again at once while claims come back full.
   */
  private tick(): void {
    if (this.polling || this.stopping.signal.aborted) return;
    const wanted = Math.min(WebhookWorker.BATCH, WebhookWorker.MAX_IN_FLIGHT - this.inFlight.size);
    if (wanted <= 0) return;
    this.polling = this.claim(wanted)
      .then((claimed) => {
        for (const c of claimed) void this.start(c);
        if (claimed.length === wanted) setImmediate(() => this.tick());
      })
      .catch((e: unknown) => this.logger.error({ err: e }, 'Webhook delivery poll failed'))
      .finally(() => (this.polling = undefined));
  }

  /** Claims the due deliveries and sends them; resolves, with their number, once all are recorded. */
  runOnce(): Promise<number> {
    const run = (async () => {
      if (this.stopping.signal.aborted) return 0;
      const claimed = await this.claim(WebhookWorker.BATCH);
      await Promise.all(claimed.map((c) => this.start(c)));
      return claimed.length;
    })();
    this.runs.add(run);
    void run.finally(() => this.runs.delete(run)).catch(() => undefined);
    return run;
  }

  /** Sends one claimed delivery, tracked for shutdown; never rejects. */
  private start(c: ClaimedDelivery): Promise<void> {
    const attempt = this.deliver(c).then(
      () => undefined,
      // Not recorded (the database is unreachable): the lease runs out and it is sent again.
      (e: unknown) => this.logger.error({ err: e, delivery: c.id }, 'Webhook attempt outcome not recorded'),
    );
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return attempt;
  }

  /** Leases up to `limit` due head-of-line deliveries (one per endpoint) and starts their attempt. */
  async claim(limit: number): Promise<ClaimedDelivery[]> {
    const rows: ClaimedRow[] = await this.dataSource.query(
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
      [limit, this.leaseMs],
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

  /** Sends one claimed delivery and records the outcome. */
  async deliver(c: ClaimedDelivery): Promise<SendResult> {
    const attemptedAt = new Date();
    let result: SendResult;
    try {
      const body = webhookBody(c);
      const secret = decryptSecret(this.config.masterKey, c.secretEncrypted);
      result = await sendWebhook({
        url: c.url,
        body,
        headers: webhookHeaders(secret, toPublicId('event', c.eventId), body),
        timeoutMs: this.config.webhookTimeoutMs,
        allowPrivate: this.config.webhooksAllowPrivateUrls,
        signal: this.stopping.signal,
      });
    } catch (e) {
      this.logger.error({ err: e, delivery: c.id }, 'Webhook attempt could not be made');
      result = { statusCode: null, latencyMs: 0, error: 'Internal error preparing the request', responseExcerpt: null };
    }
    // Cut short by a shutdown: not the receiver's fault, so it is sent again at once (by any process).
    const interrupted = this.stopping.signal.aborted && result.statusCode === null;
    await this.record(c, attemptedAt, result, interrupted);
    return result;
  }

  /** Logs the attempt and, if this claim is still current, moves the delivery and its endpoint on. */
  private async record(c: ClaimedDelivery, attemptedAt: Date, r: SendResult, interrupted = false): Promise<void> {
    const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
    await this.dataSource.transaction(async (m) => {
      const [row]: Array<{ status: string; attempts: number; max_attempts: number }> = await m.query(
        `SELECT status, attempts, max_attempts FROM webhook_deliveries WHERE id = $1 FOR UPDATE`,
        [c.id],
      );
      if (!row) return; // the endpoint (and its log) was deleted meanwhile
      await m.query(
        `INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.id, attemptedAt, r.statusCode, r.latencyMs, r.error, r.responseExcerpt],
      );
      // Fenced out: the lease ran out and another attempt was started (or a redelivery reset it).
      if (row.status !== 'pending' || Number(row.attempts) !== c.attempts) return;

      if (ok) {
        await m.query(
          `UPDATE webhook_deliveries
              SET status = 'succeeded', locked_until = NULL, last_status_code = $2, last_error = NULL, updated_at = now()
            WHERE id = $1`,
          [c.id, r.statusCode],
        );
        await m.query(`UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`, [c.endpointId]);
        return;
      }

      if (interrupted) {
        await m.query(
          `UPDATE webhook_deliveries
              SET next_attempt_at = now(), locked_until = NULL, max_attempts = max_attempts + 1,
                  last_status_code = NULL, last_error = $2, updated_at = now()
            WHERE id = $1`,
          [c.id, r.error],
        );
        return;
      }

      const maxAttempts = Number(row.max_attempts);
      const final = c.attempts >= maxAttempts;
      // The n-th attempt of this round (a redelivery starts a new round of WEBHOOK_MAX_ATTEMPTS).
      const inRound = c.attempts - (maxAttempts - WEBHOOK_MAX_ATTEMPTS);
      const delay = final ? 0 : retryDelayMs(this.config.webhookRetryBaseMs, inRound);
      await m.query(
        `UPDATE webhook_deliveries
            SET status = $2::varchar,
                next_attempt_at = CASE WHEN $2::varchar = 'pending' THEN now() + make_interval(secs => $3::double precision / 1000) ELSE next_attempt_at END,
                locked_until = NULL, last_status_code = $4, last_error = $5, updated_at = now()
          WHERE id = $1`,
        [c.id, final ? 'failed' : 'pending', delay, r.statusCode, r.error],
      );
      const reason = logText(
        `Disabled automatically after ${WEBHOOK_DISABLE_AFTER_FAILURES} failed attempts in a row; last error: ${r.error ?? 'unknown'}`,
        500,
      );
      const [endpoint]: Array<{ disabled: boolean }> = await m.query(
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
        [c.endpointId, WEBHOOK_DISABLE_AFTER_FAILURES, reason],
      );
      if (endpoint?.disabled) this.logger.warn({ endpoint: c.endpointId }, 'Webhook endpoint disabled after repeated failures');
    });
  }
}
