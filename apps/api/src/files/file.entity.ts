import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * A seller's file. The bytes live encrypted in FileStorage under `storageKey`; this row holds what
 * decrypting them needs (the wrapped data key, the nonce prefix and the chunk size). The id is
 * chosen before the upload, because the data key is wrapped bound to it.
 */
@Entity('files')
@Index('ix_files_app_id', ['appId', 'createdAt'])
export class FileEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** Bytes of plaintext. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size: number;

  /** SHA-256 of the plaintext, hex. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'content_type', type: 'varchar', length: 255 })
  contentType: string;

  /** Subscriptions allowed to download; empty: every active user. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subscriptions: string[];

  @Column({ name: 'storage_key', type: 'varchar', length: 128, select: false })
  storageKey: string;

  /** The data key wrapped by the master key (`v1.<iv>.<tag>.<ciphertext>`). */
  @Column({ name: 'wrapped_key', type: 'varchar', length: 255, select: false })
  wrappedKey: string;

  @Column({ name: 'nonce_prefix', type: 'varchar', length: 32, select: false })
  noncePrefix: string;

  @Column({ name: 'chunk_size', type: 'integer', select: false })
  chunkSize: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
