import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The price of one key of a duration (null: lifetime). A duration without a row cannot be sold. */
@Entity('reseller_prices')
export class ResellerPriceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'reseller_id', type: 'uuid' })
  resellerId: string;

  @Column({ name: 'duration_days', type: 'integer', nullable: true })
  durationDays: number | null;

  @Column({ type: 'integer' })
  credits: number;
}
