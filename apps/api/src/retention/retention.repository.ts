import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { BaseRepository } from '../database/repository';
import type { EventEntity } from '../events/event.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';

/** One batch of the event pruning: how many old events it looked at and how many it removed. */
export interface EventBatch {
  candidates: number;
  deleted: number;
}

const ms = (param: string) => `make_interval(secs => ${param}::double precision / 1000)`;
const daysAgo = (param: string) => `now() - make_interval(days => ${param}::int)`;

/**
 * The SQL of retention: the lease of a periodic task (scheduled_tasks) and bounded deletes.
 *
 * Every delete takes its rows with `FOR UPDATE SKIP LOCKED`: it never waits for a row another
 * transaction holds (a revocation, a delivery being recorded or redelivered, an app or endpoint
 * being deleted), so it can neither stall behind one nor deadlock with one; a skipped row goes in a
 * later run.
 */
@Injectable()
export class RetentionRepository extends BaseRepository {
  /**
   * Takes `task` for `holder` for `leaseMs` if nobody holds it (a lease that ran out is free: its
   * holder died) and, when `dueAfterMs` is given, it last started at least that long ago. The
   * check and the take are one statement, so of processes racing for it exactly one wins.
   */
  async claim(task: string, holder: string, leaseMs: number, dueAfterMs: number | null): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH claimed AS (
         INSERT INTO scheduled_tasks AS t (name, holder, lease_until, last_started_at)
         VALUES ($1, $2, now() + ${ms('$3')}, now())
         ON CONFLICT (name) DO UPDATE
            SET holder = excluded.holder, lease_until = excluded.lease_until, last_started_at = excluded.last_started_at
          WHERE (t.lease_until IS NULL OR t.lease_until <= now())
            AND ($4::double precision IS NULL OR t.last_started_at IS NULL OR t.last_started_at <= now() - ${ms('$4')})
         RETURNING 1
       )
       SELECT 1 FROM claimed`,
      [task, holder, leaseMs, dueAfterMs],
    );
    return rows.length === 1;
  }

  /** Extends `holder`'s lease; false when it no longer holds the task (another process took it over). */
  async renew(task: string, holder: string, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH renewed AS (
         UPDATE scheduled_tasks SET lease_until = now() + ${ms('$3')}
          WHERE name = $1 AND holder = $2 AND lease_until IS NOT NULL
         RETURNING 1
       )
       SELECT 1 FROM renewed`,
      [task, holder, leaseMs],
    );
    return rows.length === 1;
  }

  /** Gives the task up (the schedule keeps its start time, so the next run is an interval later). */
  async release(task: string, holder: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE scheduled_tasks SET lease_until = NULL, last_finished_at = now() WHERE name = $1 AND holder = $2 AND lease_until IS NOT NULL`,
      [task, holder],
    );
  }

  /**
   * Deletes up to `limit` client sessions that expired or were revoked more than `days` ago, and up
   * to `limit` seller and reseller sessions that expired that long ago (ended ones are deleted at once).
   */
  async pruneSessions(days: number, limit: number): Promise<number> {
    return this.count(
      `WITH gone AS (
         DELETE FROM sessions WHERE id IN (
           SELECT id FROM sessions
            WHERE expires_at < ${daysAgo('$1')} OR revoked_at < ${daysAgo('$1')}
            LIMIT $2
            FOR UPDATE SKIP LOCKED
         )
         RETURNING 1
       ), accounts_gone AS (
         DELETE FROM account_sessions WHERE id IN (
           SELECT id FROM account_sessions WHERE expires_at < ${daysAgo('$1')} LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone)::int + (SELECT count(*) FROM accounts_gone)::int AS n`,
      [days, limit],
    );
  }

  /** Deletes up to `limit` webhook delivery attempts (log lines) made more than `days` ago. */
  async pruneWebhookAttempts(days: number, limit: number): Promise<number> {
    return this.count(
      `WITH gone AS (
         DELETE FROM webhook_attempts WHERE id IN (
           SELECT id FROM webhook_attempts WHERE attempted_at < ${daysAgo('$1')} LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM gone`,
      [days, limit],
    );
  }

  /**
   * Deletes up to `limit` events older than `days` days none of whose webhook deliveries is still
   * pending (their finished deliveries and attempts go with them, by cascade).
   *
   * A redelivery can make a finished delivery pending again at any moment, and deleting the event
   * would take that delivery with it. So the deliveries of the candidates are locked first and
   * their status read under the lock (a redelivery that committed meanwhile shows; one yet to come
   * waits for this transaction and then finds the delivery gone: 404). An event with a delivery
   * someone else holds locked right now is left for a later run.
   */
  async pruneEvents(days: number, limit: number): Promise<EventBatch> {
    return this.dataSource.transaction(async (m) => {
      const candidates: Array<Pick<EventEntity, 'id'>> = await m.query(
        `SELECT e.id FROM events e
          WHERE e.created_at < ${daysAgo('$1')}
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
          ORDER BY e.created_at
          LIMIT $2
          FOR UPDATE OF e SKIP LOCKED`,
        [days, limit],
      );
      if (candidates.length === 0) return { candidates: 0, deleted: 0 };
      const ids = candidates.map((c) => c.id);
      const deliveries = await m.find(WebhookDeliveryEntity, { select: { id: true, eventId: true }, where: { eventId: In(ids) } });
      const locked: Array<Pick<WebhookDeliveryEntity, 'id' | 'status'>> = await m.query(
        `SELECT id, status FROM webhook_deliveries WHERE event_id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED`,
        [ids],
      );
      const finished = new Set(locked.filter((d) => d.status !== 'pending').map((d) => d.id));
      const keep = new Set(deliveries.filter((d) => !finished.has(d.id)).map((d) => d.eventId));
      const doomed = ids.filter((id) => !keep.has(id));
      if (doomed.length === 0) return { candidates: ids.length, deleted: 0 };
      const [{ n }]: Array<{ n: number }> = await m.query(
        `WITH gone AS (DELETE FROM events WHERE id = ANY($1::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [doomed],
      );
      return { candidates: ids.length, deleted: Number(n) };
    });
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(sql, params);
    return Number(n);
  }
}
