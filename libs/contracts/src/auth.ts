export interface RegisterSellerRequest {
  email: string;
  password: string;
  name: string;
}

export interface LoginSellerRequest {
  email: string;
  password: string;
  /**
   * With two-factor sign-in on: the authenticator's 6-digit code, or one of the recovery codes
   * (each works once). Without it such an account answers 401 TWO_FACTOR_REQUIRED.
   */
  code?: string;
}

export interface SellerResponse {
  id: string;
  email: string;
  name: string;
  /** Whether signing in asks for a two-factor code. */
  twoFactorEnabled: boolean;
  createdAt: string;
}

export interface SellerAuthResponse {
  token: string;
  seller: SellerResponse;
}

export interface MeResponse {
  seller: SellerResponse;
}

/** POST /v1/auth/logout and /v1/reseller/auth/logout. */
export interface LogoutRequest {
  /** End every session of the account, the one calling included ("sign out everywhere"). */
  everywhere?: boolean;
}

export interface LogoutResponse {
  /** How many sessions (tokens) ended: 1, or all of them with `everywhere`. */
  sessionsEnded: number;
}

/** POST /v1/auth/password: the token used stays valid, every other one of the seller ends. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface ChangePasswordResponse {
  seller: SellerResponse;
  /** The seller's other sessions that ended. */
  sessionsEnded: number;
}

/** POST /v1/auth/2fa/setup: a new secret, not in force until /2fa/enable confirms a code of it. */
export interface TwoFactorSetupResponse {
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  /** `otpauth://totp/...`, for the QR code. */
  otpauthUrl: string;
}

/** /2fa/enable and /2fa/disable: a current code of the authenticator (disable also takes a recovery code). */
export interface TwoFactorCodeRequest {
  code: string;
}

export interface TwoFactorEnableResponse {
  /** Ten single-use codes for when the authenticator is lost; shown this once, stored hashed. */
  recoveryCodes: string[];
  seller: SellerResponse;
}

export interface TwoFactorDisableResponse {
  seller: SellerResponse;
}

/** How many recovery codes enabling two-factor sign-in hands out. */
export const RECOVERY_CODE_COUNT = 10;
/** The longest code a two-factor field takes (a recovery code with its dashes and some spaces). */
export const TWO_FACTOR_CODE_MAX_LENGTH = 32;

/** GET /v1/auth/signup: whether POST /v1/auth/register would take a new account now (SELLER_SIGNUP). */
export interface SignupStatusResponse {
  open: boolean;
}
