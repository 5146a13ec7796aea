export { startEdgeServer, type EdgeServer } from './edge-server.js';
export {
  createSessionStore,
  type SessionStore,
  type SessionStoreOptions,
} from './session-store.js';
export { RoutingMode, type EdgeDeps, type EdgeSettings, type CallContext } from './types.js';
export { toJsonRpcError, classify, RpcError } from './json-rpc.js';
export { negotiateVersion } from './initialize.js';
export {
  checkOrigin,
  defaultOriginPolicy,
  isLoopbackAddress,
  type OriginPolicy,
} from './origin-guard.js';
export { LEGACY_SSE_PATH, LEGACY_MESSAGES_PATH } from './legacy-sse.js';
export { MCP_SUBPROTOCOL } from './websocket-transport.js';
export {
  createSubscriptionRegistry,
  startFanout,
  type SubscriptionRegistry,
} from './subscriptions.js';
