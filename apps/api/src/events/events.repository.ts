import { Injectable } from '@nestjs/common';
import type { WebhookEventName } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { EventEntity } from './event.entity';

/**
 * The event log and, in the same statement as each event, its webhook outbox rows: an event and
 * its deliveries commit (or roll back) together, with the transaction of the caller's `m`. Raw SQL:
 * one statement writes both tables (a CTE), which the EntityManager cannot express.
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
    const [saved]: Array<Pick<EventEntity, 'id'>> = await this.db(m).query(
      `WITH event AS (
         INSERT INTO events (app_id, name, data) VALUES ($1, $2, $3::jsonb) RETURNING id, seq
       ), outbox AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, max_attempts)
         SELECT w.id, event.id, event.seq, $5 FROM webhook_endpoints w, event
          WHERE w.app_id = $1 AND w.enabled AND $4::text = ANY (w.events)
       )
       SELECT id FROM event`,
      [appId, name, JSON.stringify(data), name, maxAttempts],
    );
    return saved.id;
  }
}
