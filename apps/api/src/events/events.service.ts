import { Injectable } from '@nestjs/common';
import type { WebhookEventName } from '@keyhold/contracts';
import { EntityManager } from 'typeorm';
import { toPublicId } from '../common/ids';
import { EventEntity } from './event.entity';

/**
 * The one way an event is recorded. It takes the EntityManager of the caller's transaction, so an
 * event exists exactly when the change that caused it committed (webhook deliveries hang off it).
 */
@Injectable()
export class EventsService {
  async record(manager: EntityManager, appId: string, name: WebhookEventName, data: Record<string, unknown>): Promise<string> {
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    const saved = await manager.getRepository(EventEntity).save({ appId, name, data: clean });
    return toPublicId('event', saved.id);
  }
}
