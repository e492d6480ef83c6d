import { MAX_SIGNING_KEYS, type SigningKeyResponse } from '@keyhold/contracts';
import { KeyholdError } from '@keyhold/sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '@/lib/format';
import { app, signingKey } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { sdk } from '@/testing/sdk-mock';
import { AppSigningKeys } from './app-signing-keys';

// The SDK is the module boundary: everything above it (hooks, query client, Mantine) is real.
vi.mock('@keyhold/sdk', async (importOriginal) => (await import('@/testing/sdk-mock')).mockSellerSdk(importOriginal));

const KEYS_PATH = `/v1/admin/apps/${app.id}/signing-keys`;

/**
 * The signing-key routes as the API answers them, behind the SDK's `signingKeys` methods (each
 * mapped to its route below, so the tests read as requests): a list that add, activate and retire change. `refuse` makes the next
 * call of a route (`DELETE key_...`) fail with that error instead.
 */
function keyServer(initial: SigningKeyResponse[]) {
  let keys = initial.map((key) => ({ ...key }));
  let made = initial.length;
  const refusals = new Map<string, KeyholdError>();
  const find = (kid: string) => {
    const key = keys.find((k) => k.kid === kid);
    if (!key) throw new KeyholdError(404, 'NOT_FOUND', 'Signing key not found');
    return key;
  };
  function answer(method: string, path: string): unknown {
    const [, kid, action] = path.slice(KEYS_PATH.length).split('/');
    if (!path.startsWith(KEYS_PATH)) throw new Error(`unexpected ${method} ${path}`);
    const route = kid ? `${method} ${kid}` : method;
    const refusal = refusals.get(route);
    if (refusal) {
      refusals.delete(route);
      throw refusal;
    }
    if (method === 'GET' && !kid) return keys.map((k) => ({ ...k }));
    if (method === 'POST' && !kid) {
      made += 1;
      const key = signingKey(made, { status: 'next' });
      keys.push(key);
      return key;
    }
    if (method === 'POST' && action === 'activate') {
      const key = find(kid);
      for (const k of keys) if (k.status === 'active') k.status = 'previous';
      key.status = 'active';
      return { ...key };
    }
    if (method === 'DELETE' && kid) {
      if (find(kid).status === 'active') throw new KeyholdError(409, 'CONFLICT', 'The active signing key cannot be retired');
      keys = keys.filter((k) => k.kid !== kid);
      return { id: kid, deleted: true };
    }
    throw new Error(`unexpected ${method} ${path}`);
  }
  const log: Array<[method: string, path: string]> = [];
  /** Asynchronous like the real one: an error thrown by `answer` rejects. */
  const request = <T,>(method: string, path: string) => {
    log.push([method, path]);
    return new Promise<T>((resolve) => resolve(answer(method, path) as T));
  };
  return { request, log, refuse: (route: string, error: KeyholdError) => refusals.set(route, error) };
}

const ACTIVE = signingKey(1, { status: 'active' });
const NEXT = signingKey(2, { status: 'next' });
const PREVIOUS = signingKey(3, { status: 'previous' });

let server: ReturnType<typeof keyServer>;
beforeEach(() => {
  server = keyServer([ACTIVE, NEXT, PREVIOUS]);
  routeSigningKeys();
});

/** The SDK's signingKeys methods, each the request it makes, answered by `server`. */
function routeSigningKeys() {
  sdk.signingKeys.list.mockReset().mockImplementation(() => server.request('GET', KEYS_PATH));
  sdk.signingKeys.add.mockReset().mockImplementation(() => server.request('POST', KEYS_PATH));
  sdk.signingKeys.activate.mockReset().mockImplementation((_appId, kid) => server.request('POST', `${KEYS_PATH}/${kid}/activate`));
  sdk.signingKeys.retire.mockReset().mockImplementation((_appId, kid) => server.request('DELETE', `${KEYS_PATH}/${kid}`));
}

async function renderKeys() {
  const user = userEvent.setup();
  const view = renderWithApp(<AppSigningKeys app={app} />);
  await screen.findByRole('table', { name: 'Signing keys' });
  return { user, ...view };
}

function row(kid: string): HTMLElement {
  const found = screen.getAllByTestId('signing-key-row').find((r) => r.dataset.kid === kid);
  if (!found) throw new Error(`no row for ${kid}`);
  return found;
}

const calls = (method: string, path: string) => server.log.filter(([m, p]) => m === method && p === path);

describe('AppSigningKeys', () => {
  it('lists every key with its status and created date', async () => {
    await renderKeys();
    expect(sdk.signingKeys.list).toHaveBeenCalledWith(app.id);
    const rows = screen.getAllByTestId('signing-key-row');
    expect(rows.map((r) => r.dataset.kid)).toEqual([ACTIVE.kid, NEXT.kid, PREVIOUS.kid]);
    for (const [key, status, meaning] of [
      [ACTIVE, 'Active', 'Signs every answer'],
      [NEXT, 'Next', 'Published, not signing yet'],
      [PREVIOUS, 'Previous', 'Published, no longer signing'],
    ] as const) {
      const r = row(key.kid);
      expect(within(r).getByText(key.kid)).toBeInTheDocument();
      expect(within(r).getByText(status)).toBeInTheDocument();
      expect(within(r).getByText(meaning)).toBeInTheDocument();
      expect(within(r).getByText(`Created ${formatDateTime(key.createdAt)}`)).toBeInTheDocument();
    }
    expect(screen.getByText(/Ship a build of your software that pins the new JWK Set/)).toBeInTheDocument();
  });

  it('copies the JWK Set of exactly the listed keys, and each key on its own as JWK and PEM', async () => {
    const { user } = await renderKeys();
    const shown = JSON.parse(screen.getByLabelText<HTMLTextAreaElement>('JWK Set').value) as unknown;
    const expected = { keys: [ACTIVE.publicJwk, NEXT.publicJwk, PREVIOUS.publicJwk] };
    expect(shown).toStrictEqual(expected);

    await user.click(screen.getByRole('button', { name: 'Copy JWK Set' }));
    expect(JSON.parse(await navigator.clipboard.readText())).toStrictEqual(expected);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();

    await user.click(within(row(NEXT.kid)).getByRole('button', { name: `Copy JWK of ${NEXT.kid}` }));
    expect(JSON.parse(await navigator.clipboard.readText())).toStrictEqual(NEXT.publicJwk);
    await user.click(within(row(PREVIOUS.kid)).getByRole('button', { name: `Copy PEM of ${PREVIOUS.kid}` }));
    expect(await navigator.clipboard.readText()).toBe(PREVIOUS.publicPem);
  });

  it('adds a next key with POST, then lists it and puts it in the JWK Set', async () => {
    const { user } = await renderKeys();
    await user.click(screen.getByRole('button', { name: 'Add next key' }));

    await waitFor(() => expect(calls('POST', KEYS_PATH)).toHaveLength(1));
    const added = signingKey(4);
    expect(await screen.findByText('Next key added')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('signing-key-row')).toHaveLength(4));
    expect(within(row(added.kid)).getByText('Next')).toBeInTheDocument();
    const jwks = JSON.parse(screen.getByLabelText<HTMLTextAreaElement>('JWK Set').value) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid)).toEqual([ACTIVE.kid, NEXT.kid, PREVIOUS.kid, added.kid]);
  });

  it(`offers no new key once ${MAX_SIGNING_KEYS} are published, and says why`, async () => {
    server = keyServer(Array.from({ length: MAX_SIGNING_KEYS }, (_, i) => signingKey(i + 1, { status: i === 0 ? 'active' : 'previous' })));
    routeSigningKeys();
    await renderKeys();
    expect(screen.getByRole('button', { name: 'Add next key' })).toBeDisabled();
    expect(screen.getByText(`An app publishes at most ${MAX_SIGNING_KEYS} keys: retire one to add another.`)).toBeInTheDocument();
  });

  it('activates a key only after a confirmation that says what changes, then shows the new statuses', async () => {
    const { user } = await renderKeys();
    await user.click(within(row(NEXT.kid)).getByRole('button', { name: `Activate ${NEXT.kid}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Activate this key?' });
    expect(dialog).toHaveTextContent(`${NEXT.kid} signs every answer`);
    expect(dialog).toHaveTextContent(`${ACTIVE.kid}, active now, becomes previous`);
    expect(calls('POST', `${KEYS_PATH}/${NEXT.kid}/activate`)).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Activate key' }));
    await waitFor(() => expect(calls('POST', `${KEYS_PATH}/${NEXT.kid}/activate`)).toHaveLength(1));
    await waitFor(() => expect(within(row(NEXT.kid)).getByText('Active')).toBeInTheDocument());
    expect(within(row(ACTIVE.kid)).getByText('Previous')).toBeInTheDocument();
    expect(calls('GET', KEYS_PATH).length).toBeGreaterThanOrEqual(2); // the list was fetched again
    expect(screen.getByText('Key activated')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The old active key may now be retired; the new one may not.
    expect(within(row(ACTIVE.kid)).getByRole('button', { name: `Retire ${ACTIVE.kid}` })).toBeInTheDocument();
    expect(within(row(NEXT.kid)).queryByRole('button', { name: /Retire/ })).not.toBeInTheDocument();
  });

  it('offers neither retire nor activate on the active key', async () => {
    await renderKeys();
    expect(within(row(ACTIVE.kid)).queryByRole('button', { name: /Retire|Activate/ })).not.toBeInTheDocument();
    for (const key of [NEXT, PREVIOUS]) {
      expect(within(row(key.kid)).getByRole('button', { name: `Retire ${key.kid}` })).toBeInTheDocument();
      expect(within(row(key.kid)).getByRole('button', { name: `Activate ${key.kid}` })).toBeInTheDocument();
    }
  });

  it('retires a key after the confirmation, and it leaves the list', async () => {
    const { user } = await renderKeys();
    await user.click(within(row(PREVIOUS.kid)).getByRole('button', { name: `Retire ${PREVIOUS.kid}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Retire this key?' });
    expect(dialog).toHaveTextContent(`${PREVIOUS.kid} leaves the JWK Set for good`);
    await user.click(within(dialog).getByRole('button', { name: 'Retire key' }));

    await waitFor(() => expect(calls('DELETE', `${KEYS_PATH}/${PREVIOUS.kid}`)).toHaveLength(1));
    await waitFor(() => expect(screen.getAllByTestId('signing-key-row')).toHaveLength(2));
    expect(screen.queryByText(PREVIOUS.kid)).not.toBeInTheDocument();
    expect(screen.getByText('Key retired')).toBeInTheDocument();
  });

  it("shows the API's message when the retire is refused (409)", async () => {
    // Another tab activated this key meanwhile: the API refuses to retire the active key.
    const message = 'The active signing key cannot be retired: activate another key first';
    server.refuse(`DELETE ${NEXT.kid}`, new KeyholdError(409, 'CONFLICT', message));
    const { user } = await renderKeys();
    await user.click(within(row(NEXT.kid)).getByRole('button', { name: `Retire ${NEXT.kid}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Retire this key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Retire key' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not retire key');
    expect(alert).toHaveTextContent(message);
    expect(screen.getAllByTestId('signing-key-row')).toHaveLength(3);
    expect(screen.queryByText('Key retired')).not.toBeInTheDocument();
  });
});
