import { Injectable } from '@nestjs/common';
import type { WebhookEventName } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { toPublicId } from '../common/ids';
import { WEBHOOK_MAX_ATTEMPTS } from '../webhooks/retry-schedule';

/**
 * The one way an event is recorded. It takes the EntityManager of the caller's transaction, so an
 * event exists exactly when the change that caused it committed. The same statement writes the
 * webhook outbox: one pending delivery per enabled endpoint of the app subscribed to the event, so
 * a committed change always has its deliveries and a rolled-back one has none.
 */
@Injectable()
export class EventsService {
  async record(manager: EntityManager, appId: string, name: WebhookEventName, data: Record<string, unknown>): Promise<string> {
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    const [saved]: Array<{ id: string }> = await manager.query(
      `WITH event AS (
         INSERT INTO events (app_id, name, data) VALUES ($1, $2, $3::jsonb) RETURNING id, seq
       ), outbox AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, max_attempts)
         SELECT w.id, event.id, event.seq, $5 FROM webhook_endpoints w, event
          WHERE w.app_id = $1 AND w.enabled AND $4::text = ANY (w.events)
       )
       SELECT id FROM event`,
      [appId, name, JSON.stringify(clean), name, WEBHOOK_MAX_ATTEMPTS],
    );
    return toPublicId('event', saved.id);
  }
}
