import type { UserStatus } from '@keyhold/contracts';
import { USER_STATUSES } from '@keyhold/contracts';
import { createTestModule, insertSellerAndApp, TestModule } from '../../test/utils/test-module';
import { toPublicId } from '../common/ids';
import { ListUsersQueryDto } from './dto/user.dto';
import { UsersModule } from './users.module';
import { UsersService } from './users.service';

interface UserFixture {
  username: string;
  banned?: boolean;
  /** An SQL expression, so that "now" is the database's. */
  expiresAt?: string;
  hwid?: string;
  lastLoginIp?: string;
}

describe('UsersService.list', () => {
  let t: TestModule;
  let service: UsersService;
  let sellerId: string;
  let appId: string;
  /** Username → user id. */
  const ids = new Map<string, string>();

  const later = "now() + interval '1 day'";
  const earlier = "now() - interval '1 day'";
  /** Oldest first; the list answers newest first. */
  const fixtures: UserFixture[] = [
    { username: 'active_forever', hwid: 'HW-ALICE-2', lastLoginIp: '10.0.0.7' },
    { username: 'active_until_later', expiresAt: later, lastLoginIp: '192.168.1.50' },
    { username: 'expired', expiresAt: earlier, hwid: 'hw-50%-off' },
    { username: 'banned', banned: true },
    { username: 'banned_and_expired', banned: true, expiresAt: earlier, lastLoginIp: '10.0.0.70' },
    { username: 'alice' },
    { username: 'carolyx' },
    { username: 'carol_x' },
  ];

  const query = (q: Partial<ListUsersQueryDto>) => Object.assign(new ListUsersQueryDto(), { appId: toPublicId('app', appId), ...q });
  const usernames = async (q: Partial<ListUsersQueryDto>) => (await service.list(sellerId, query(q))).items.map((u) => u.username);

  beforeAll(async () => {
    t = await createTestModule({ imports: [UsersModule] });
    service = t.get(UsersService);
    ({ sellerId, appId } = await insertSellerAndApp(t.dataSource));
    const other = await insertSellerAndApp(t.dataSource);
    for (const [i, u] of fixtures.entries()) {
      for (const app of [appId, other.appId]) {
        const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
          `INSERT INTO app_users (app_id, username, password_hash, banned, expires_at, hwid, last_login_ip, created_at)
           VALUES ($1, $2, 'x', $3, ${u.expiresAt ?? 'NULL'}, $4, $5, $6) RETURNING id`,
          [app, u.username, u.banned ?? false, u.hwid ?? null, u.lastLoginIp ?? null, `2024-01-0${i + 1}T00:00:00Z`],
        );
        if (app === appId) ids.set(u.username, id);
      }
    }
  });
  afterAll(() => t.close());

  const byStatus: Record<UserStatus, string[]> = {
    active: ['carol_x', 'carolyx', 'alice', 'active_until_later', 'active_forever'],
    expired: ['expired'],
    banned: ['banned_and_expired', 'banned'],
  };

  it.each(USER_STATUSES)('?status=%s returns exactly the users with that status, newest first', async (status) => {
    const page = await service.list(sellerId, query({ status }));
    expect(page.items.map((u) => [u.username, u.id, u.status])).toEqual(
      byStatus[status].map((name) => [name, toPublicId('user', ids.get(name)!), status]),
    );
    expect(page.meta.total).toBe(byStatus[status].length);
  });

  it('without a status returns every user of the app, and only those', async () => {
    const page = await service.list(sellerId, query({}));
    expect(page.items.map((u) => u.id).sort()).toEqual([...ids.values()].map((id) => toPublicId('user', id)).sort());
  });

  it('q searches username, hardware id and last login IP, case-insensitively', async () => {
    expect(await usernames({ q: 'ALICE' })).toEqual(['alice', 'active_forever']); // username; hwid HW-ALICE-2
    expect(await usernames({ q: '10.0.0.7' })).toEqual(['banned_and_expired', 'active_forever']); // last login IP
    expect(await usernames({ q: 'until' })).toEqual(['active_until_later']);
    expect(await usernames({ q: 'nobody' })).toEqual([]);
  });

  it('q takes LIKE wildcards literally', async () => {
    expect(await usernames({ q: 'l_x' })).toEqual(['carol_x']);
    expect(await usernames({ q: '50%' })).toEqual(['expired']); // not 192.168.1.50
  });

  it('q and status combine', async () => {
    expect(await usernames({ q: '10.0.0', status: 'active' })).toEqual(['active_forever']);
    expect(await usernames({ q: '10.0.0', status: 'banned' })).toEqual(['banned_and_expired']);
  });
});
