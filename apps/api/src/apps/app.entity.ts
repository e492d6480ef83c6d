import type { AppStatus } from '@keyhold/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('apps')
export class AppEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_apps_seller_id')
  @Column({ name: 'seller_id', type: 'uuid' })
  sellerId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 50, default: '1.0.0' })
  version: string;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status: AppStatus;

  /** A public identifier (it ships inside the seller's software), so stored as is. */
  @Column({ name: 'api_key', type: 'varchar', length: 64 })
  apiKey: string;

  /**
   * The app secret (the store integration key) as the SHA-256 of its text: shown once, at creation
   * and at rotation, and found again only by hashing what a caller sends. Never selected unless
   * asked for.
   */
  @Column({ name: 'secret_hash', type: 'text', nullable: true, select: false })
  secretHash: string | null;

  /**
   * Secrets made before they were hashed: AES-256-GCM under the master key, hashed into
   * `secretHash` and cleared at the first start after the upgrade (IntegrationKeysService).
   */
  @Column({ name: 'secret_encrypted', type: 'text', nullable: true, select: false })
  secretEncrypted: string | null;

  /** Axora endpoint id: 20 characters of [A-Za-z0-9]. */
  @Column({ type: 'varchar', length: 20 })
  endpoint: string;

  @Column({ name: 'enforce_version', type: 'boolean', default: false })
  enforceVersion: boolean;

  @Column({ name: 'hwid_lock', type: 'boolean', default: true })
  hwidLock: boolean;

  @Column({ name: 'registration_enabled', type: 'boolean', default: true })
  registrationEnabled: boolean;

  @Column({ name: 'offline_enabled', type: 'boolean', default: false })
  offlineEnabled: boolean;

  @Column({ name: 'offline_ttl_hours', type: 'integer', default: 168 })
  offlineTtlHours: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
