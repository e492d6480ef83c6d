import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { BaseRepository } from '../database/repository';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** What a new endpoint is written with (its id and dates come from the database). */
export type NewWebhookEndpoint = Pick<
  WebhookEndpointEntity,
  'appId' | 'url' | 'events' | 'enabled' | 'secretEncrypted' | 'disabledReason' | 'consecutiveFailures'
>;

/** What a seller's change may write to an endpoint. */
export type WebhookEndpointPatch = Partial<
  Pick<WebhookEndpointEntity, 'url' | 'events' | 'enabled' | 'disabledReason' | 'consecutiveFailures' | 'secretEncrypted'>
>;

/**
 * Webhook endpoints. The signing secret is never selected (the column is `select: false`); the
 * worker reads it with the delivery it claims (WebhookDeliveriesRepository.claimHeads).
 */
@Injectable()
export class WebhooksRepository extends BaseRepository {
  /** How many endpoints the app has. */
  countForApp(appId: string, m?: EntityManager): Promise<number> {
    return this.db(m).getRepository(WebhookEndpointEntity).count({ where: { appId } });
  }

  /** Writes a new endpoint; its id. */
  async insert(values: NewWebhookEndpoint, m?: EntityManager): Promise<string> {
    const saved = await this.db(m).getRepository(WebhookEndpointEntity).save(values);
    return saved.id;
  }

  /** The endpoint with this id (it must exist). */
  findById(id: string, m?: EntityManager): Promise<WebhookEndpointEntity> {
    return this.db(m).getRepository(WebhookEndpointEntity).findOneByOrFail({ id });
  }

  /** The app's endpoints, oldest first. */
  listForApp(appId: string): Promise<WebhookEndpointEntity[]> {
    return this.db()
      .getRepository(WebhookEndpointEntity)
      .find({ where: { appId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The endpoint with this id if it belongs to one of the seller's apps. */
  findOwned(id: string, sellerId: string): Promise<WebhookEndpointEntity | null> {
    return this.db()
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('w')
      .innerJoin(AppEntity, 'a', 'a.id = w.app_id')
      .where('w.id = :id AND a.seller_id = :sellerId', { id, sellerId })
      .getOne();
  }

  async update(id: string, patch: WebhookEndpointPatch, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(WebhookEndpointEntity).update({ id }, patch);
  }

  /** Deletes the endpoint; its deliveries and their log go with it (by cascade). */
  async delete(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(WebhookEndpointEntity).delete({ id });
  }
}
