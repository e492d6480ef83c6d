import type {
  ClientLicenseLoginRequest,
  ClientLicenseLoginResponse,
  ClientLoginRequest,
  ClientLoginResponse,
  ClientLogoutResponse,
  ClientRegisterRequest,
  ClientRegisterResponse,
  ClientSessionResponse,
  ClientFileResponse,
  JsonWebKeySet,
  OfflineLicenseResponse,
} from '@keyhold/contracts';
import { KeyholdSignatureError, PinnedKeys, toHex, VerifiedAnswer } from './answer-signatures';
import { Http, StreamedAnswer } from './http';
import { Sha256 } from './sha256';

/** What `files.download` resolves to (the file on disk, verified). */
export interface DownloadedFile {
  path: string;
  size: number;
  sha256: string;
}

interface NodeHelpers {
  saveResponseTo: (
    res: Response,
    destPath: string,
    verified?: { sha256: string; mismatch: (actual: string) => Error },
  ) => Promise<DownloadedFile>;
}

/**
 * The Node-only half of downloads (./node), loaded when first used. The specifier is a variable so
 * that browser bundlers leave it alone: the dashboard bundle never includes `node:` modules.
 */
const NODE_HELPERS = './node';
const loadNodeHelpers = (): Promise<NodeHelpers> => import(/* @vite-ignore */ NODE_HELPERS);

export interface EndUserClientOptions {
  /** e.g. `https://licensing.example.com` */
  baseUrl: string;
  /** The app's public API key (`ak_...`) */
  apiKey: string;
  fetch?: typeof fetch;
  /**
   * The app's JWK Set, pinned: copied into your software when you build it (the dashboard's or
   * `GET /v1/client/jwks`'s answer, as you ship it), never fetched at run time. With it every
   * answer must carry a signature by one of these keys for this very request (a fresh
   * Keyhold-Nonce each time), or the call throws KeyholdSignatureError. Pinning is what gives the
   * guarantee: a JWK Set fetched from the same server at run time proves nothing against a fake
   * server, which would serve its own.
   */
  jwks?: JsonWebKeySet;
  /** Verify answers against `jwks`: on by default when `jwks` is given; `false` turns it off. */
  verify?: boolean;
  /** Called with each answer whose signature verified (which key signed it, the digest it proves). */
  onVerified?: (answer: VerifiedAnswer) => void;
}

/** A whole-file answer whose body errors at its end, with KeyholdSignatureError, unless its bytes hash to the signed digest. */
function checkedAsRead(res: Response, verified: VerifiedAnswer): Response {
  if (!res.body) return res;
  const hash = new Sha256();
  const body = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        controller.enqueue(chunk);
      },
      flush(controller) {
        if (toHex(hash.digest()) !== verified.sha256)
          controller.error(
            new KeyholdSignatureError('digest-mismatch', "The file's bytes differ from the signed Content-Digest", verified.status),
          );
      },
    }),
  );
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function wholeFileOnly({ res, verified }: StreamedAnswer): Promise<VerifiedAnswer | undefined> {
  if (verified && verified.covers !== 'body') {
    await res.body?.cancel().catch(() => undefined);
    throw new KeyholdSignatureError('malformed', 'A ranged answer to a request for the whole file', verified.status);
  }
  return verified;
}

/**
 * The client for end-user software. A successful login keeps its client token for `session()`
 * and `logout()`. Failures throw KeyholdError with the seed's codes (INVALID_CREDENTIALS,
 * HWID_MISMATCH, LICENSE_EXPIRED, BLACKLISTED, ...); with `jwks` pinned, an answer that does not
 * verify throws KeyholdSignatureError (a KeyholdError with code UNVERIFIED_ANSWER and a `reason`).
 */
export function createEndUserClient(options: EndUserClientOptions) {
  const verifying = options.verify ?? options.jwks !== undefined;
  if (verifying && !options.jwks) throw new TypeError('verify: true needs the pinned jwks');
  const verification = verifying ? { keys: new PinnedKeys(options.jwks!), onVerified: options.onVerified } : undefined;

  let token: string | undefined;
  const http = new Http({ baseUrl: options.baseUrl, apiKey: options.apiKey, fetch: options.fetch, token: () => token }, verification);
  const keep = <T extends { token: string }>(answer: T): T => {
    token = answer.token;
    return answer;
  };
  const bytesPath = (fileId: string) => `/v1/client/files/${encodeURIComponent(fileId)}/bytes`;
  return {
    get token() {
      return token;
    },
    /** Whether answers are verified against a pinned JWK Set. */
    verifying,
    login: async (body: ClientLoginRequest) => keep(await http.request<ClientLoginResponse>('POST', '/v1/client/login', body)),
    register: async (body: ClientRegisterRequest) => keep(await http.request<ClientRegisterResponse>('POST', '/v1/client/register', body)),
    licenseLogin: async (body: ClientLicenseLoginRequest) =>
      keep(await http.request<ClientLicenseLoginResponse>('POST', '/v1/client/license', body)),
    session: () => http.request<ClientSessionResponse>('GET', '/v1/client/session'),
    /**
     * An offline license for this session (a JWS, when the app's `offlineEnabled` is on; off: 403
     * FORBIDDEN). Check it later, without the server, with `verifyOfflineLicense`.
     */
    offlineLicense: () => http.request<OfflineLicenseResponse>('POST', '/v1/client/offline'),
    files: {
      /** Metadata of a file the signed-in user may download (404 another app's, 403 another subscription's). */
      get: (fileId: string) => http.request<ClientFileResponse>('GET', `/v1/client/files/${encodeURIComponent(fileId)}`),
      /**
       * The raw answer of `/bytes` (works in browsers too): the body streams the plaintext;
       * `range` (e.g. `bytes=0-1023`) asks for part of it (206). Errors throw KeyholdError.
       *
       * Verifying: the signature is checked before this resolves. A whole-file body is hashed as
       * it is read and errors at its end with KeyholdSignatureError (digest-mismatch) if it differs
       * from the signed digest, so treat streamed bytes as unproven until the stream has ended. A
       * ranged answer (206) proves only that its Content-Range belongs to the file whose whole
       * SHA-256 is its Repr-Digest (`onVerified` reports both): its bytes are proven once the whole
       * file is assembled and hashed to that SHA-256.
       */
      bytes: async (fileId: string, range?: string): Promise<Response> => {
        const answer = await http.stream('GET', bytesPath(fileId), undefined, range ? { range } : {});
        const verified = range ? answer.verified : await wholeFileOnly(answer);
        return verified?.covers === 'body' ? checkedAsRead(answer.res, verified) : answer.res;
      },
      /**
       * Node only: streams the file to `destPath` (never whole in memory) and verifies its SHA-256
       * against the signed Content-Digest (verifying) or the server's X-File-Sha256; a mismatch or
       * an aborted transfer leaves no file and throws KeyholdSignatureError (digest-mismatch) or
       * KeyholdError (CHECKSUM_MISMATCH or NETWORK_ERROR).
       */
      download: async (fileId: string, destPath: string): Promise<DownloadedFile> => {
        const { saveResponseTo } = await loadNodeHelpers();
        const answer = await http.stream('GET', bytesPath(fileId));
        const verified = await wholeFileOnly(answer);
        return saveResponseTo(
          answer.res,
          destPath,
          verified && {
            sha256: verified.sha256,
            mismatch: () =>
              new KeyholdSignatureError('digest-mismatch', "The file's bytes differ from the signed Content-Digest", verified.status),
          },
        );
      },
    },
    logout: async () => {
      const answer = await http.request<ClientLogoutResponse>('POST', '/v1/client/logout');
      token = undefined;
      return answer;
    },
  };
}

export type EndUserClient = ReturnType<typeof createEndUserClient>;
