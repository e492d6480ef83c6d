import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decryptSecret } from '../common/crypto';
import { toPublicId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { retryDelayMs, WEBHOOK_DISABLE_AFTER_FAILURES, WEBHOOK_MAX_ATTEMPTS } from './retry-schedule';
import { ClaimedDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { logText, sendWebhook, SendResult } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

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
  /**
   * Over the DataSource this worker was given, not the app's injected one: a worker stands for a
   * process, and the specs run several side by side, some on a pool of their own.
   */
  private readonly deliveries: WebhookDeliveriesRepository;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.deliveries = new WebhookDeliveriesRepository(dataSource);
  }

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
  claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.deliveries.claimHeads(limit, this.leaseMs);
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
      const row = await this.deliveries.lockProgress(c.id, m);
      if (!row) return; // the endpoint (and its log) was deleted meanwhile
      await this.deliveries.insertAttempt(c.id, attemptedAt, r, m);
      // Fenced out: the lease ran out and another attempt was started (or a redelivery reset it).
      if (row.status !== 'pending' || row.attempts !== c.attempts) return;

      if (ok) {
        await this.deliveries.markSucceeded(c.id, r.statusCode, m);
        await this.deliveries.clearEndpointFailures(c.endpointId, m);
        return;
      }

      if (interrupted) {
        await this.deliveries.requeueInterrupted(c.id, r.error, m);
        return;
      }

      const { maxAttempts } = row;
      const final = c.attempts >= maxAttempts;
      // The n-th attempt of this round (a redelivery starts a new round of WEBHOOK_MAX_ATTEMPTS).
      const inRound = c.attempts - (maxAttempts - WEBHOOK_MAX_ATTEMPTS);
      const delay = final ? 0 : retryDelayMs(this.config.webhookRetryBaseMs, inRound);
      await this.deliveries.markFailedAttempt(c.id, { final, delayMs: delay, statusCode: r.statusCode, error: r.error }, m);
      const reason = logText(
        `Disabled automatically after ${WEBHOOK_DISABLE_AFTER_FAILURES} failed attempts in a row; last error: ${r.error ?? 'unknown'}`,
        500,
      );
      const disabled = await this.deliveries.countEndpointFailure(c.endpointId, WEBHOOK_DISABLE_AFTER_FAILURES, reason, m);
      if (disabled) this.logger.warn({ endpoint: c.endpointId }, 'Webhook endpoint disabled after repeated failures');
    });
  }
}
