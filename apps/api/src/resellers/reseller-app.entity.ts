import { Entity, Index, PrimaryColumn } from 'typeorm';

/** An app of the seller that the reseller may sell keys of. */
@Entity('reseller_apps')
export class ResellerAppEntity {
  @PrimaryColumn({ name: 'reseller_id', type: 'uuid' })
  resellerId: string;

  @Index('ix_reseller_apps_app_id')
  @PrimaryColumn({ name: 'app_id', type: 'uuid' })
  appId: string;
}
