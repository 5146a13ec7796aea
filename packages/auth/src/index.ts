export {
  createKeyMaterial,
  hashCredential,
  displayPrefix,
  KEY_PREFIX,
  type KeyMaterial,
} from './key-material.js';
export {
  createKeyAdmin,
  ADMIN_SCOPE,
  BOOTSTRAP_KEY_ID,
  type KeyAdmin,
  type DurableAudit,
} from './key-admin.js';
export { startAuthWorker, type AuthWorker, type AuthWorkerOptions } from './auth-worker.js';
export {
  anonymousPrincipal,
  createPrincipalCache,
  type PrincipalCache,
  type PrincipalCacheOptions,
} from './principal-cache.js';
