export {
  GENESIS_HASH,
  canonicalJson,
  hashEvent,
  verifyChain,
  type ChainVerdict,
} from './hash-chain.js';
export {
  createAuditRecorder,
  type AuditRecorder,
  type AuditRecorderOptions,
} from './audit-recorder.js';
export { startAuditProjector, type AuditProjectorOptions } from './audit-projector.js';
