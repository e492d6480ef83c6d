export interface RegisterSellerRequest {
  email: string;
  password: string;
  name: string;
}

export interface LoginSellerRequest {
  email: string;
  password: string;
}

export interface SellerResponse {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface SellerAuthResponse {
  token: string;
  seller: SellerResponse;
}

export interface MeResponse {
  seller: SellerResponse;
}
