import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BlacklistType = 'ip' | 'hwid';

@Entity('blacklist_entries')
export class BlacklistEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ type: 'varchar', length: 4 })
  type: BlacklistType;

  /** As the seller wrote it (normalised for IPs). */
  @Column({ type: 'varchar', length: 256 })
  value: string;

  /** For IP entries: the address or CIDR range, matched with PostgreSQL's `>>=`. */
  @Column({ type: 'cidr', nullable: true })
  network: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
