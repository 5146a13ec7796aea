export { findNatsServerBinary, findOnPath } from './nats-binary.js';
export { startNatsServer, type NatsServerOptions, type NatsServerHandle } from './nats-server.js';
export {
  addExitCleanup,
  isProcessRunning,
  terminateProcessSync,
  type TerminateSyncOptions,
} from './exit-cleanup.js';
export { createOutputTail, type OutputTail } from './output-tail.js';
export { waitForLines, probeTcp } from './readiness.js';
