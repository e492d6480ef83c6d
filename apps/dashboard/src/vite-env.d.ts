/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the Keyhold API; empty (the default) means the same origin that served the dashboard. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
