/** Every error code the API answers with, and the HTTP status that goes with it. */
export const ERROR_STATUS = {
  // from the Authon seed
  INVALID_KEY: 401,
  INVALID_CREDENTIALS: 401,
  HWID_MISMATCH: 403,
  BLACKLISTED: 403,
  LICENSE_EXPIRED: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  // added by the contract
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  USER_BANNED: 403,
  LICENSE_BANNED: 403,
  APP_DISABLED: 403,
  INSUFFICIENT_CREDITS: 403,
  RESELLER_SUSPENDED: 403,
  INVALID_LICENSE: 401,
  USERNAME_TAKEN: 409,
  EMAIL_TAKEN: 409,
  LICENSE_USED: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  // added by the contract's hardening section
  UPDATE_REQUIRED: 426,
  TWO_FACTOR_REQUIRED: 401,
  INVALID_TWO_FACTOR_CODE: 401,
  SIGNUP_CLOSED: 403,
  /** The request contradicts the current state (retiring the active signing key). */
  CONFLICT: 409,
  /** The database is unreachable, or the server sheds load; always with `Retry-After`. */
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ErrorCodes = Object.fromEntries(Object.keys(ERROR_STATUS).map((k) => [k, k])) as { readonly [K in ErrorCode]: K };

/** Default human messages; the seed fixes the first seven. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_KEY: 'API key is missing or invalid',
  INVALID_CREDENTIALS: 'Username or password is incorrect',
  HWID_MISMATCH: 'Hardware ID does not match registered device',
  BLACKLISTED: 'User IP or HWID is blacklisted',
  LICENSE_EXPIRED: 'License key has expired',
  RATE_LIMITED: 'Too many requests, try again later',
  NOT_FOUND: 'Requested resource does not exist',
  VALIDATION_FAILED: 'Request validation failed',
  BAD_REQUEST: 'Bad request',
  UNAUTHORIZED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  USER_BANNED: 'User is banned',
  LICENSE_BANNED: 'License key is banned',
  APP_DISABLED: 'Application is disabled',
  INSUFFICIENT_CREDITS: 'Not enough credits',
  RESELLER_SUSPENDED: 'Reseller account is suspended',
  INVALID_LICENSE: 'License key is invalid',
  USERNAME_TAKEN: 'Username is already taken',
  EMAIL_TAKEN: 'Email is already registered',
  LICENSE_USED: 'License key has already been used',
  PAYLOAD_TOO_LARGE: 'Request body is too large',
  INTERNAL: 'Internal server error',
  UPDATE_REQUIRED: 'Update required',
  TWO_FACTOR_REQUIRED: 'A two-factor code is required',
  INVALID_TWO_FACTOR_CODE: 'The two-factor code is invalid',
  SIGNUP_CLOSED: 'Sign-up is closed',
  CONFLICT: 'The request conflicts with the current state',
  SERVICE_UNAVAILABLE: 'Service temporarily unavailable, try again later',
};

export interface ValidationDetail {
  field: string;
  reason: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ValidationDetail[];
  requestId?: string;
}

export interface ErrorEnvelope {
  success: false;
  error: ErrorBody;
}

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
}

export interface PageMeta {
  /** How many items the list has, at most PAGE_COUNT_CAP: with `totalCapped`, "this many or more". */
  total: number;
  page: number;
  limit: number;
  /** Paged lists: true when there are more than `total` items (counting stops at PAGE_COUNT_CAP). */
  totalCapped?: boolean;
  /**
   * Paged lists: pass as `?cursor=` for the page after this one (as fast at any depth as the
   * first); null on the last page.
   */
  nextCursor?: string | null;
}

/** Lists count their items up to this many, then answer `total: 10000, totalCapped: true`. */
export const PAGE_COUNT_CAP = 10_000;

export interface ListEnvelope<T> {
  success: true;
  data: T[];
  meta: PageMeta;
}
