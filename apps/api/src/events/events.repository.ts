import { Injectable } from '@nestjs/common';
import type { WebhookEventName } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { runWrites, Write } from '../database/write-batch';
import { EventEntity } from './event.entity';

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
    /** One of the eight events (a test event goes to one endpoint: WebhookDeliveriesRepository.insertWithEvent). */
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
}
