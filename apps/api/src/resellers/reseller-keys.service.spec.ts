import { randomUUID } from 'node:crypto';
import { ERROR_MESSAGES } from '@keyhold/contracts';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { DomainError } from '../common/errors/domain-error';
import { toPublicId } from '../common/ids';
import type { ResellerPrincipal } from '../common/request';
import type { ResellerGenerateKeysDto } from './dto/reseller-portal.dto';
import { ResellerKeysService } from './reseller-keys.service';
import { spendNote } from './reseller-prices';
import { ResellersModule } from './resellers.module';
import { ResellersService } from './resellers.service';

/** What a generation may write: keys, ledger rows, the balance. A refusal must leave all three as they were. */
interface Footprint {
  licenses: number;
  ledger: Array<{ amount: string; balance_after: string; note: string | null }>;
  credits: string | null;
}

/**
 * Key generation by a reseller, on PGlite: every refusal answers its code and message and writes
 * nothing; a success debits the price times the count, with its ledger row, and inserts the keys.
 */
describe('ResellerKeysService.generate', () => {
  let t: TestModule;
  let service: ResellerKeysService;
  let resellers: ResellersService;
  let sellerId: string;
  let appId: string;
  /** An app of the same seller that no reseller may sell. */
  let otherAppId: string;
  /** Another seller's app. */
  let foreignAppId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestModule({ imports: [ResellersModule] });
    service = t.get(ResellerKeysService);
    resellers = t.get(ResellersService);
    ({ sellerId, appId } = await insertSellerAndApp(t.dataSource));
    [{ id: otherAppId }] = await t.dataSource.query(
      `INSERT INTO apps (seller_id, name, api_key, secret_encrypted, endpoint) VALUES ($1, 'Not for resale', $2, 'x', $3) RETURNING id`,
      [sellerId, `ak_${randomUUID()}`, randomUUID().replace(/-/g, '').slice(0, 20)],
    );
    ({ appId: foreignAppId } = await insertSellerAndApp(t.dataSource));
  });
  afterAll(() => t.close());

  /** A reseller of the seller who may sell `appId`, subscription "default", 30-day keys at 2 credits, with 10 credits. */
  async function newReseller(): Promise<ResellerPrincipal> {
    const created = await resellers.create(sellerId, {
      username: `spec.reseller.${n++}`,
      password: 'correct horse battery',
      appIds: [toPublicId('app', appId)],
      subscriptions: ['default'],
      prices: [{ durationDays: 30, credits: 2 }],
      credits: 10,
    });
    const [{ id }]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM resellers WHERE seller_id = $1 AND username = $2`, [
      sellerId,
      created.username,
    ]);
    return { kind: 'reseller', resellerId: id, sellerId, sessionId: randomUUID() };
  }

  const order = (overrides: Partial<ResellerGenerateKeysDto> = {}): ResellerGenerateKeysDto => ({
    appId: toPublicId('app', appId),
    count: 3,
    durationDays: 30,
    subscription: 'default',
    ...overrides,
  });

  async function footprint(resellerId: string): Promise<Footprint> {
    const [{ licenses }]: Array<{ licenses: number }> = await t.dataSource.query(`SELECT count(*)::int AS licenses FROM licenses`);
    const ledger: Footprint['ledger'] = await t.dataSource.query(
      `SELECT amount::text, balance_after::text, note FROM credit_ledger WHERE reseller_id = $1 ORDER BY seq`,
      [resellerId],
    );
    const [row]: Array<{ credits: string }> = await t.dataSource.query(`SELECT credits::text FROM resellers WHERE id = $1`, [resellerId]);
    return { licenses, ledger, credits: row?.credits ?? null };
  }

  /** `generate` fails with exactly this code and message, and writes nothing. */
  async function expectRefusal(principal: ResellerPrincipal, dto: ResellerGenerateKeysDto, code: string, message: string): Promise<void> {
    const before = await footprint(principal.resellerId);
    const error: unknown = await service.generate(principal, dto).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: (error as DomainError).code, message: (error as DomainError).message }).toEqual({ code, message });
    expect(await footprint(principal.resellerId)).toEqual(before);
  }

  it('refuses an unknown reseller with UNAUTHORIZED', async () => {
    const ghost: ResellerPrincipal = { kind: 'reseller', resellerId: randomUUID(), sellerId, sessionId: randomUUID() };
    await expectRefusal(ghost, order(), 'UNAUTHORIZED', ERROR_MESSAGES.UNAUTHORIZED);
  });

  it('refuses a suspended reseller with RESELLER_SUSPENDED', async () => {
    const principal = await newReseller();
    await resellers.update(sellerId, toPublicId('reseller', principal.resellerId), { status: 'SUSPENDED' });
    expect((await footprint(principal.resellerId)).credits).toBe('10');
    await expectRefusal(principal, order(), 'RESELLER_SUSPENDED', ERROR_MESSAGES.RESELLER_SUSPENDED);
  });

  it('refuses, as not found, an app the reseller may not sell, another seller’s app, and a malformed id', async () => {
    const principal = await newReseller();
    // Another seller's app can only get into the list by a direct insert: the seller check must still refuse it.
    await t.dataSource.query(`INSERT INTO reseller_apps (reseller_id, app_id) VALUES ($1, $2)`, [principal.resellerId, foreignAppId]);
    for (const id of [toPublicId('app', otherAppId), toPublicId('app', foreignAppId), 'app_nope', toPublicId('user', appId)]) {
      await expectRefusal(principal, order({ appId: id }), 'NOT_FOUND', 'App not found');
    }
  });

  it('refuses a subscription the reseller may not sell with FORBIDDEN', async () => {
    const principal = await newReseller();
    await expectRefusal(principal, order({ subscription: 'vip' }), 'FORBIDDEN', 'You may not sell the subscription "vip"');
  });

  it('refuses a duration without a price with FORBIDDEN, days and lifetime alike', async () => {
    const principal = await newReseller();
    await expectRefusal(
      principal,
      order({ durationDays: 7 }),
      'FORBIDDEN',
      'You may not sell keys of 7 days (no price is set for that duration)',
    );
    await expectRefusal(
      principal,
      order({ durationDays: null }),
      'FORBIDDEN',
      'You may not sell lifetime keys (no price is set for that duration)',
    );
  });

  it('refuses more keys than the balance pays for with INSUFFICIENT_CREDITS', async () => {
    const principal = await newReseller();
    await expectRefusal(principal, order({ count: 6 }), 'INSUFFICIENT_CREDITS', 'Not enough credits: 6 keys cost 12, the balance is 10');
  });

  it('generates the keys, debits price times count and writes the ledger row of the spend', async () => {
    const principal = await newReseller();
    const before = await footprint(principal.resellerId);
    const dto = order({ count: 4 });

    const result = await service.generate(principal, dto);

    expect(result).toMatchObject({ count: 4, cost: 8, credits: 2 });
    expect(result.keys).toHaveLength(4);
    expect(new Set(result.keys).size).toBe(4);
    const after = await footprint(principal.resellerId);
    expect(after.licenses).toBe(before.licenses + 4);
    expect(after.credits).toBe('2');
    expect(after.ledger).toEqual([...before.ledger, { amount: '-8', balance_after: '2', note: spendNote(4, 30, 'default', dto.appId) }]);
    const keys: Array<{ key: string; app_id: string; duration_days: number; subscription: string }> = await t.dataSource.query(
      `SELECT key, app_id, duration_days, subscription FROM licenses WHERE reseller_id = $1`,
      [principal.resellerId],
    );
    expect(keys.sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(
      [...result.keys].sort().map((key) => ({ key, app_id: appId, duration_days: 30, subscription: 'default' })),
    );
  });
});
