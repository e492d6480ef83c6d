import { Injectable } from '@nestjs/common';
import type { WebhookEventName } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { toPublicId } from '../common/ids';
import { WEBHOOK_MAX_ATTEMPTS } from '../webhooks/retry-schedule';
import { Write } from '../database/write-batch';
import { EventsRepository } from './events.repository';

const withoutUndefined = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));

/**
 * The one way an event is recorded. It takes the EntityManager of the caller's transaction, so an
 * event exists exactly when the change that caused it committed. The same statement writes the
 * webhook outbox: one pending delivery per enabled endpoint of the app subscribed to the event, so
 * a committed change always has its deliveries and a rolled-back one has none.
 */
@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  async record(manager: EntityManager, appId: string, name: WebhookEventName, data: Record<string, unknown>): Promise<string> {
    const id = await this.events.insertWithOutbox(appId, name, withoutUndefined(data), WEBHOOK_MAX_ATTEMPTS, manager);
    return toPublicId('event', id);
  }

  /**
   * An event with no change of its own to commit with (a refused sign-in): the event and its
   * outbox rows in one statement, outside any transaction.
   */
  async recordAlone(appId: string, name: WebhookEventName, data: Record<string, unknown>): Promise<string> {
    const id = await this.events.insertWithOutbox(appId, name, withoutUndefined(data), WEBHOOK_MAX_ATTEMPTS);
    return toPublicId('event', id);
  }

  /**
   * The same event as writes for a batch of the caller's (database/write-batch.ts: its change and
   * its events in one statement). At most one of each event name per batch (the writes are named
   * after it).
   */
  writes(appId: string, name: WebhookEventName, data: Record<string, unknown>): Write[] {
    return this.events.writesOf(name.replace('.', '_'), appId, name, withoutUndefined(data), WEBHOOK_MAX_ATTEMPTS);
  }
}
