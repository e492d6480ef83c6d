import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One of a seller's two-factor recovery codes, as its SHA-256 (the code has 80 random bits). */
@Entity('seller_recovery_codes')
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'seller_id', type: 'uuid' })
  sellerId: string;

  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
