import type { ErrorCode, ValidationDetail } from '@keyhold/contracts';

/**
 * Codes the SDK adds to the contract's: NETWORK_ERROR (no answer), CHECKSUM_MISMATCH (downloaded
 * bytes differ from the announced SHA-256, without verification), UNVERIFIED_ANSWER (an answer
 * that failed signature verification: a KeyholdSignatureError).
 */
export type SdkErrorCode = 'NETWORK_ERROR' | 'CHECKSUM_MISMATCH' | 'UNVERIFIED_ANSWER';

/** An error answer from the API, carrying the contract's code. */
export class KeyholdError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | SdkErrorCode,
    message: string,
    readonly details?: ValidationDetail[],
    /** 429 RATE_LIMITED and 503 SERVICE_UNAVAILABLE: how long to wait before trying again (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'KeyholdError';
  }
}
