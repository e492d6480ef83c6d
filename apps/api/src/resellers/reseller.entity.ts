import type { ResellerStatus } from '@keyhold/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** bigint columns arrive as strings from pg; balances stay far below 2^53 (a CHECK caps them). */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** A person a seller hires to sell keys of some of the seller's apps, paid for in credits. */
@Entity('resellers')
export class ResellerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'seller_id', type: 'uuid' })
  sellerId: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status: ResellerStatus;

  /** Changed only inside a transaction that writes the matching credit_ledger row. */
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  credits: number;

  @Column({ type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  subscriptions: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
