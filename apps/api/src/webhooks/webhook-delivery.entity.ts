import type { WebhookDeliveryStatus } from '@keyhold/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One event to send to one endpoint (the outbox row), retried until it succeeds or fails for good. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** The event's sequence number (pg returns bigint as a string): an endpoint's deliveries go out in this order. */
  @Column({ name: 'event_seq', type: 'bigint' })
  eventSeq: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: WebhookDeliveryStatus;

  /** Attempts started so far; never goes down (it also fences a worker whose lease ran out). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When `attempts` reaches this without success the delivery fails; a redelivery raises it. */
  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** A worker's lease while it sends; once past, another worker may send the delivery again. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
