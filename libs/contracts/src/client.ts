/** Requests and answers of the client API, exactly as the Authon seed shows them. */
export interface ClientLoginRequest {
  username: string;
  password: string;
  hwid?: string;
  /** The program's version: with the app's enforceVersion on, another one answers 426 UPDATE_REQUIRED. */
  version?: string;
}

export interface ClientRegisterRequest {
  username: string;
  password: string;
  licenseKey: string;
  hwid?: string;
  version?: string;
}

export interface ClientLicenseLoginRequest {
  licenseKey: string;
  hwid?: string;
  version?: string;
}

export interface ClientUser {
  id: string;
  username: string;
  hwid: string | null;
  subscription: string | null;
  expiresAt: string | null;
}

export interface ClientLoginResponse {
  token: string;
  user: ClientUser;
}

export interface ClientRegisterResponse {
  token: string;
  user: { id: string; username: string };
}

export interface ClientLicense {
  key: string;
  expiresAt: string | null;
  hwid: string | null;
}

export interface ClientLicenseLoginResponse {
  token: string;
  license: ClientLicense;
}

export interface ClientSessionResponse {
  session: { id: string; createdAt: string; expiresAt: string };
  user?: ClientUser;
  license?: ClientLicense & { subscription: string };
}

export interface ClientLogoutResponse {
  loggedOut: true;
}
