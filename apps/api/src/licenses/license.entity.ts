import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('licenses')
export class LicenseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ type: 'varchar', length: 64 })
  key: string;

  /** null: lifetime. The clock starts at first use: expiresAt = activatedAt + durationDays. */
  @Column({ name: 'duration_days', type: 'integer', nullable: true })
  durationDays: number | null;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  subscription: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The end user who redeemed the key with /register (null for unused or license-only keys). */
  @Index('ix_licenses_user_id')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** True once a user registered with the key; stays true after that user is deleted. */
  @Column({ type: 'boolean', default: false })
  redeemed: boolean;

  @Column({ type: 'varchar', length: 256, nullable: true })
  hwid: string | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** Set by the expiry sweep when license.expire was recorded, so it fires once. */
  @Column({ name: 'expiry_notified_at', type: 'timestamptz', nullable: true })
  expiryNotifiedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  banned: boolean;

  @Column({ name: 'ban_reason', type: 'varchar', length: 500, nullable: true })
  banReason: string | null;

  /** The reseller who generated the key; null for the seller's own (and after the reseller is deleted). */
  @Index('ix_licenses_reseller_id')
  @Column({ name: 'reseller_id', type: 'uuid', nullable: true })
  resellerId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
