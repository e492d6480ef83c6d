import { Injectable } from '@nestjs/common';
import { MAX_SIGNING_KEYS } from '@keyhold/contracts';
import type { JsonWebKeySet, PublicJwk, SigningKeyResponse } from '@keyhold/contracts';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppsRepository } from '../apps/apps.repository';
import { AppsService } from '../apps/apps.service';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { decryptSecret, encryptSecret } from '../common/crypto';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import { SigningKeyEntity } from './signing-key.entity';
import { SigningKeysRepository } from './signing-keys.repository';

/** What signs an app's answers: the active key's id and its private key. */
export interface Signer {
  kid: string;
  privateKey: KeyObject;
}

/**
 * How long a process keeps using the active key it looked up. Another process's activation is
 * seen within this; the key it replaced stays published (`previous`), so answers signed with it
 * still verify for clients that pin the whole set.
 */
const ACTIVE_KEY_TTL_MS = 10_000;
/** Most apps (and keys) whose signer one process keeps (beyond it the cache starts over). */
const MAX_CACHED_APPS = 10_000;

export function toPublicJwk(key: Pick<SigningKeyEntity, 'id' | 'publicX'>): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: key.publicX, kid: toPublicId('signingKey', key.id), use: 'sig', alg: 'EdDSA' };
}

function toResponse(key: SigningKeyEntity): SigningKeyResponse {
  const publicJwk = toPublicJwk(key);
  const pem = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicX }, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  return { kid: publicJwk.kid, status: key.status, createdAt: key.createdAt.toISOString(), publicJwk, publicPem: String(pem) };
}

/**
 * Apps' Ed25519 signing key sets: the seller's rotation (add a `next` key, activate it, retire the
 * old one), the published JWK Set, and the active key answers are signed with. Private keys are
 * generated here, stored sealed with MASTER_KEY, decrypted once per process and never returned.
 */
@Injectable()
export class SigningKeysService {
  private readonly active = new Map<string, { until: number; signer: Promise<Signer> }>();
  /** Decrypted private keys by kid: a key never changes, so it is decrypted once per process. */
  private readonly privateKeys = new Map<string, KeyObject>();

  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly appRows: AppsRepository,
    private readonly apps: AppsService,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(sellerId: string, appPublicId: string): Promise<SigningKeyResponse[]> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    await this.ensureActive(app.id);
    return (await this.keys.listForApp(app.id)).map(toResponse);
  }

  /** A new `next` key: published from now on, signing only once activated. */
  async add(sellerId: string, appPublicId: string): Promise<SigningKeyResponse> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    await this.ensureActive(app.id);
    return this.dataSource.transaction(async (m) => {
      await this.appRows.lockById(app.id, m);
      const existing = await this.keys.listForApp(app.id, m);
      if (existing.length >= MAX_SIGNING_KEYS) {
        throw new DomainError('CONFLICT', `An app publishes at most ${MAX_SIGNING_KEYS} signing keys: retire one first`);
      }
      const id = await this.keys.insert(this.generate(app.id, 'next'), m);
      return toResponse((await this.keys.listForApp(app.id, m)).find((k) => k.id === id)!);
    });
  }

  /** The key signs from now on; the one that did becomes `previous` (still published). */
  async activate(sellerId: string, appPublicId: string, kid: string): Promise<SigningKeyResponse> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    const key = await this.dataSource.transaction(async (m) => {
      await this.appRows.lockById(app.id, m);
      const found = await this.findKey(app.id, kid, m);
      if (found.status !== 'active') await this.keys.activate(app.id, found.id, m);
      return (await this.keys.listForApp(app.id, m)).find((k) => k.id === found.id)!;
    });
    this.active.delete(app.id);
    return toResponse(key);
  }

  /** Unpublishes a key for good; the active key cannot be retired (activate another first). */
  async retire(sellerId: string, appPublicId: string, kid: string): Promise<{ id: string; deleted: true }> {
    const app = await this.apps.findOwned(sellerId, appPublicId);
    await this.dataSource.transaction(async (m) => {
      await this.appRows.lockById(app.id, m);
      const found = await this.findKey(app.id, kid, m);
      if (found.status === 'active')
        throw new DomainError('CONFLICT', 'The active signing key cannot be retired: activate another key first');
      await this.keys.delete(app.id, found.id, m);
    });
    return { id: kid, deleted: true };
  }

  /** The app's published keys (active, next and previous) as a JWK Set. */
  async jwks(appId: string): Promise<JsonWebKeySet> {
    await this.ensureActive(appId);
    return { keys: (await this.keys.listForApp(appId)).map(toPublicJwk) };
  }

  /** The key that signs the app's answers now (its first is created on first need). */
  signerFor(appId: string): Promise<Signer> {
    const now = Date.now();
    const cached = this.active.get(appId);
    if (cached && cached.until > now) return cached.signer;
    if (this.active.size >= MAX_CACHED_APPS) this.active.clear();
    const signer = this.loadSigner(appId);
    this.active.set(appId, { until: now + ACTIVE_KEY_TTL_MS, signer });
    // A failure (the database away) is not kept: the next answer tries again.
    signer.catch(() => this.active.delete(appId));
    return signer;
  }

  private async loadSigner(appId: string): Promise<Signer> {
    await this.ensureActive(appId);
    const row = await this.keys.findActive(appId);
    if (!row) throw new Error(`App ${appId} has no active signing key`);
    const kid = toPublicId('signingKey', row.id);
    let privateKey = this.privateKeys.get(kid);
    if (!privateKey) {
      const der = Buffer.from(decryptSecret(this.config.masterKey, row.privateKeyEncrypted), 'base64');
      privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      if (this.privateKeys.size >= MAX_CACHED_APPS) this.privateKeys.clear();
      this.privateKeys.set(kid, privateKey);
    }
    return { kid, privateKey };
  }

  /** Gives the app its first key if it has no active one (a new app, or one from before signing keys). */
  private async ensureActive(appId: string): Promise<void> {
    if (await this.keys.findActive(appId)) return;
    await this.keys.insert(this.generate(appId, 'active'));
  }

  private generate(appId: string, status: 'active' | 'next') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const { x } = publicKey.export({ format: 'jwk' });
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    return { appId, status, publicX: x!, privateKeyEncrypted: encryptSecret(this.config.masterKey, der.toString('base64')) };
  }

  private async findKey(appId: string, kid: string, m: EntityManager): Promise<SigningKeyEntity> {
    const id = fromPublicId('signingKey', kid);
    const found = id ? (await this.keys.listForApp(appId, m)).find((k) => k.id === id) : undefined;
    if (!found) throw notFound('No such signing key in this app');
    return found;
  }
}
