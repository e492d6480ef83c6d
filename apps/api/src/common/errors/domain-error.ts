import { ERROR_MESSAGES, ERROR_STATUS, ErrorCode, ValidationDetail } from '@keyhold/contracts';

/** An expected failure with a code from the contract; the global filter turns it into the envelope. */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: ValidationDetail[],
    /** Only for protocols with statuses of their own (Axora's 426); defaults to the code's status. */
    status?: number,
  ) {
    super(message);
    this.status = status ?? ERROR_STATUS[code];
  }
}

/** 429 RATE_LIMITED decided by a service rather than the rate-limit guard, with its Retry-After. */
export class RetryLaterError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message?: string,
  ) {
    super('RATE_LIMITED', message);
  }
}

export const notFound = (what = 'Requested resource does not exist') => new DomainError('NOT_FOUND', what);
