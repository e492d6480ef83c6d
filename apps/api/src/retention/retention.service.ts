import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { RetentionRepository } from './retention.repository';

/** Rows one run removed. */
export interface RetentionResult {
  sessions: number;
  events: number;
  webhookAttempts: number;
}

export interface RetentionRunOptions {
  /** Run even if the task ran less than an interval ago (it still never runs twice at once). */
  ignoreSchedule?: boolean;
  /** Rows per statement. */
  batchSize?: number;
}

/**
 * Prunes what only grows: sessions that ended (expired or revoked) more than
 * RETENTION_SESSIONS_DAYS ago, events older than RETENTION_EVENTS_DAYS (never one whose webhook
 * delivery is still pending; finished deliveries and their attempts go with their event), and
 * webhook delivery attempts older than RETENTION_WEBHOOK_ATTEMPTS_DAYS. An age of 0 keeps that
 * kind forever.
 *
 * Once across all API processes: a run needs the `retention` lease in scheduled_tasks, taken in
 * one statement only when it is free and the last run started at least an interval ago. Every
 * process checks every minute (or every interval, if shorter), so the work happens about once per
 * RETENTION_INTERVAL_MS in all, by whichever process gets there first. The lease holds no
 * connection and no lock between statements (the embedded database has a single connection that
 * requests need); it is renewed before each batch, and a process killed mid-run leaves a lease
 * that runs out after LEASE_MS. A holder that stalled past its lease notices at its next renewal
 * and stops; were two runs ever to overlap, they would only try to delete the same rows.
 *
 * Deletes go in batches of at most BATCH rows per statement, each its own short transaction, so
 * a large backlog never holds long locks or the embedded database's connection for long.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly TASK = 'retention';
  static readonly BATCH = 5000;
  static readonly LEASE_MS = 5 * 60_000;
  /** How often each process looks whether a run is due (at most; a shorter interval is used as is). */
  static readonly CHECK_MS = 60_000;

  private readonly logger = new Logger(RetentionService.name);
  /** This instance's name on the lease. */
  readonly holder = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopping = false;

  constructor(
    private readonly repository: RetentionRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const check = () => {
      if (this.running || this.stopping) return;
      this.running = this.run()
        .catch((e: unknown) => this.logger.error({ err: e }, 'Retention run failed'))
        .finally(() => (this.running = undefined));
    };
    check(); // a first look at start (it runs only if due); `idle()` waits for it
    this.timer = setInterval(check, Math.min(this.config.retention.intervalMs, RetentionService.CHECK_MS));
    this.timer.unref();
  }

  /** Stops after the batch in progress and gives the lease back (DB still open: before shutdown hooks). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Resolves once the scheduled run in progress, if any, is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  /**
   * One run, if this process gets the lease (and, unless `ignoreSchedule`, the task is due).
   * Returns what it removed, or null when another process holds the task or it is not due.
   */
  async run(options: RetentionRunOptions = {}): Promise<RetentionResult | null> {
    const { sessionsDays, eventsDays, webhookAttemptsDays, intervalMs } = this.config.retention;
    const batch = options.batchSize ?? RetentionService.BATCH;
    const { TASK, LEASE_MS } = RetentionService;
    // Due a little early rather than a tick late: timers and clocks are not exact.
    const dueAfterMs = options.ignoreSchedule ? null : Math.floor(intervalMs * 0.95);
    if (!(await this.repository.claim(TASK, this.holder, LEASE_MS, dueAfterMs))) return null;

    const result: RetentionResult = { sessions: 0, events: 0, webhookAttempts: 0 };
    const r = this.repository;
    const kinds: Array<[keyof RetentionResult, number, (days: number) => Promise<{ deleted: number; more: boolean }>]> = [
      [
        'sessions',
        sessionsDays,
        async (days) => {
          // Two tables of up to a batch each: a full batch's worth means there may be more.
          const n = await r.pruneSessions(days, batch);
          return { deleted: n, more: n >= batch };
        },
      ],
      [
        'events',
        eventsDays,
        async (days) => {
          const b = await r.pruneEvents(days, batch);
          // A full batch with nothing deletable: all of it was raced (locked, redelivered); next run.
          return { deleted: b.deleted, more: b.candidates === batch && b.deleted > 0 };
        },
      ],
      [
        'webhookAttempts',
        webhookAttemptsDays,
        async (days) => {
          const n = await r.pruneWebhookAttempts(days, batch);
          return { deleted: n, more: n === batch };
        },
      ],
    ];
    let failed = false;
    try {
      let first = true;
      for (const [kind, days, prune] of kinds) {
        if (days === 0) continue; // kept forever
        for (let more = true; more; first = false) {
          // Before every batch but the first (the lease was just taken): stop when shutting down or
          // when the lease went to another process (this one stalled past it).
          if (!first && (this.stopping || !(await r.renew(TASK, this.holder, LEASE_MS)))) {
            if (!this.stopping) this.logger.warn('Retention lease taken over by another process; this run stops');
            return result;
          }
          const b = await prune(days);
          result[kind] += b.deleted;
          more = b.more;
        }
      }
      return result;
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      await r.release(TASK, this.holder).catch((e: unknown) => {
        // Not given back (the database went away, say): it runs out after LEASE_MS.
        if (!failed) this.logger.warn({ err: e }, 'Retention lease not released');
      });
      if (result.sessions + result.events + result.webhookAttempts > 0) this.logger.log({ ...result }, 'Pruned old rows');
    }
  }
}
