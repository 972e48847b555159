/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The backend's issuer, from the dev server's environment (demo/frameworks/dev-server.ts). */
  readonly LATCH_APP_ISSUER?: string;
}
