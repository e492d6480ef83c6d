import { Injectable } from '@nestjs/common';
import type { WebhookEventName } from '@keyhold/contracts';
import { WEBHOOK_TEST_EVENT } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { likePattern } from '../common/dto/pagination.dto';
import { BaseRepository } from '../database/repository';
import { runWrites, Write } from '../database/write-batch';
import { EventEntity } from './event.entity';

/** What the seller's event log filters by. */
export interface EventFilter {
  name?: WebhookEventName;
  /** Part of one of the SEARCHED fields of the event's data. */
  q?: string;
}

/** One event of the log, as read. */
export interface EventRow {
  id: string;
  /** bigint, as text */
  seq: string;
  name: WebhookEventName;
  data: Record<string, unknown>;
  createdAt: Date;
}

interface EventColumns {
  id: string;
  seq: string;
  name: WebhookEventName;
  /** jsonb: an object from pg, text from some drivers */
  data: Record<string, unknown> | string;
  created_at: Date | string;
}

/** The fields of an event's data that `q` searches: who, from where, why, and the ids. */
const SEARCHED = [
  'username',
  'keyLast4',
  'key',
  'ip',
  'country',
  'hwid',
  'reason',
  'userId',
  'licenseId',
  'sessionId',
  'fileId',
  'fileName',
];
/** Joined by a character nobody types (unit separator), so a search never matches across two fields. */
const SEARCH_TEXT = `concat_ws(chr(31), ${SEARCHED.map((f) => `e.data->>'${f}'`).join(', ')})`;

const toEventRow = (r: EventColumns): EventRow => ({
  id: r.id,
  seq: String(r.seq),
  name: r.name,
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
  createdAt: new Date(r.created_at),
});

/**
 * The event log and, in the same statement as each event, its webhook outbox rows: an event and
 * its deliveries commit (or roll back) together, with the transaction of the caller's `m`. Raw SQL:
 * one statement writes both tables (two data-modifying CTEs, database/write-batch.ts).
 */
@Injectable()
export class EventsRepository extends BaseRepository {
  /**
   * Writes the event and one pending delivery (of `maxAttempts` attempts) per enabled endpoint of
   * the app subscribed to `name`, in one statement; the event's id.
   */
  async insertWithOutbox(
    appId: EventEntity['appId'],
    /** A product event (a test event goes to one endpoint: WebhookDeliveriesRepository.insertWithEvent). */
    name: WebhookEventName,
    data: EventEntity['data'],
    maxAttempts: number,
    m?: EntityManager,
  ): Promise<EventEntity['id']> {
    const as = 'event';
    const saved = await runWrites(this.db(m), this.writesOf(as, appId, name, data, maxAttempts));
    return saved[as][0].id as EventEntity['id'];
  }

  /**
   * The same two writes for a batch of the caller's (database/write-batch.ts), named `as` (the
   * event) and `${as}_outbox`.
   */
  writesOf(as: string, appId: EventEntity['appId'], name: WebhookEventName, data: EventEntity['data'], maxAttempts: number): Write[] {
    return [
      {
        name: as,
        sql: `INSERT INTO events (app_id, name, data) VALUES ($1, $2, $3::jsonb) RETURNING id, seq`,
        params: [appId, name, JSON.stringify(data)],
      },
      {
        name: `${as}_outbox`,
        sql: `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, max_attempts)
              SELECT w.id, e.id, e.seq, $3 FROM webhook_endpoints w, ${as} e
               WHERE w.app_id = $1 AND w.enabled AND $2::text = ANY (w.events)
              RETURNING id`,
        params: [appId, name, maxAttempts],
      },
    ];
  }

  /**
   * Up to `limit` of the app's events matching `filter`, newest first (by `seq`, the order they
   * were recorded in), after the event numbered `beforeSeq` when given: a keyset page, one descent
   * of ix_events_app_seq (or ix_events_app_name_seq for one name) at any depth. Test sends
   * (`webhook.test`) are the endpoint's, not the app's, and are left out.
   */
  async pageForApp(appId: string, filter: EventFilter, limit: number, beforeSeq?: string): Promise<EventRow[]> {
    const { where, params } = this.matching(appId, filter);
    if (beforeSeq !== undefined) {
      params.push(beforeSeq);
      where.push(`e.seq < $${params.length}::bigint`);
    }
    params.push(limit);
    const rows: EventColumns[] = await this.dataSource.query(
      `SELECT e.id, e.seq::text AS seq, e.name, e.data, e.created_at FROM events e
        WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEventRow);
  }

  /** How many of the app's events match `filter`, counting no further than `cap + 1`. */
  async countForApp(appId: string, filter: EventFilter, cap: number): Promise<number> {
    const { where, params } = this.matching(appId, filter);
    params.push(cap + 1);
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM events e WHERE ${where.join(' AND ')} LIMIT $${params.length}) AS matches`,
      params,
    );
    return Number(row.n);
  }

  /** The conditions of the app's log that `filter` keeps, as SQL over alias `e` and its parameters. */
  private matching(appId: string, filter: EventFilter): { where: string[]; params: unknown[] } {
    const params: unknown[] = [appId, WEBHOOK_TEST_EVENT];
    const where = ['e.app_id = $1', 'e.name <> $2'];
    if (filter.name !== undefined) {
      params.push(filter.name);
      where.push(`e.name = $${params.length}`);
    }
    if (filter.q) {
      params.push(likePattern(filter.q));
      where.push(`${SEARCH_TEXT} ILIKE $${params.length}`);
    }
    return { where, params };
  }
}
