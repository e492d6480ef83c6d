import type { WebhookDeliveryEventName } from '@keyhold/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something that happened in an app, recorded in the transaction of the change that caused it. */
@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The order events happened in (bigserial; pg returns bigint as a string): deliveries go out in it. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  /** One of the product events (WEBHOOK_EVENTS), or a seller's `webhook.test` (written for one endpoint only). */
  @Column({ type: 'varchar', length: 32 })
  name: WebhookDeliveryEventName;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
