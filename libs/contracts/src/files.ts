/** Sent with every answer of `/v1/client/files/:fileId/bytes`: the SHA-256 (hex) of the whole file. */
export const FILE_SHA256_HEADER = 'x-file-sha256';

/**
 * Multipart fields of `POST /v1/admin/files/upload` besides the `file` part itself.
 * `subscriptions` may be repeated or comma-separated; none means every active user may download.
 */
export interface UploadFileFields {
  appId: string;
  /** Display and download name; defaults to the uploaded file name. */
  name?: string;
  subscriptions?: string[];
}

export interface ListFilesQuery {
  appId: string;
  /** Searches the name. */
  q?: string;
  page?: number;
  limit?: number;
  /** The previous page's `meta.nextCursor`: the page after it (`page` is then ignored). */
  cursor?: string;
}

export interface UpdateFileRequest {
  name?: string;
  /** An empty list lets every active user download. */
  subscriptions?: string[];
}

/** A file as the seller sees it. */
export interface FileResponse {
  id: string;
  appId: string;
  name: string;
  /** Bytes of the plaintext. */
  size: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  contentType: string;
  /** Subscriptions allowed to download; empty: every active user. */
  subscriptions: string[];
  createdAt: string;
  updatedAt: string;
}

/** A file as end-user software sees it (`GET /v1/client/files/:fileId`). */
export interface ClientFileResponse {
  id: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  createdAt: string;
}
