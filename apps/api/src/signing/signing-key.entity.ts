import type { SigningKeyStatus } from '@keyhold/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One Ed25519 key of an app's signing key set; its public id (`key_...`) is the `kid`. */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ type: 'varchar', length: 8 })
  status: SigningKeyStatus;

  /** The raw 32-byte public key, base64url (the JWK's `x`). */
  @Column({ name: 'public_x', type: 'varchar', length: 64 })
  publicX: string;

  /** PKCS#8 DER of the private key, sealed with MASTER_KEY (common/crypto.ts). */
  @Column({ name: 'private_key_encrypted', type: 'text', select: false })
  privateKeyEncrypted: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;
}
