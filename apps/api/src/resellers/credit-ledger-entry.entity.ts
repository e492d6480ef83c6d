import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './reseller.entity';

/** One change of a reseller's balance, with the balance after it. Append-only. */
@Entity('credit_ledger')
@Index('ix_credit_ledger_reseller_seq', ['resellerId', 'seq'])
export class CreditLedgerEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The order of the changes (written under the reseller's row lock). */
  @Column({ type: 'bigint', transformer: bigintNumber, insert: false, update: false })
  seq: number;

  @Column({ name: 'reseller_id', type: 'uuid' })
  resellerId: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amount: number;

  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintNumber })
  balanceAfter: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The app a spend bought keys of; null for top-ups and take-backs, and once the app is deleted. */
  @Index('ix_credit_ledger_app_id', { where: 'app_id IS NOT NULL' })
  @Column({ name: 'app_id', type: 'uuid', nullable: true })
  appId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
