export { SUBJECT_ROOT, AuditKind, subjects, subjectToken } from './subjects.js';
export { Header } from './headers.js';
export {
  Stream,
  Consumer,
  Bucket,
  QueueGroup,
  auditStream,
  eventsStream,
  auditProjectorConsumer,
  sessionsBucket,
  manifestsBucket,
  routesBucket,
  provisioning,
  ROUTE_TABLE_KEY,
  type StreamSpec,
  type ConsumerSpec,
  type KvSpec,
} from './names.js';
export {
  ErrorCode,
  GatewayError,
  type ErrorData,
  type GatewayErrorOptions,
} from './errors.js';
export type {
  Principal,
  VerifyRequest,
  Reply,
  ToolDefinition,
  ToolManifest,
  Route,
  RouteTable,
  ContentBlock,
  ToolResult,
  ToolCallRequest,
  ToolCallReply,
  SessionRecord,
  AuditInput,
  AuditEvent,
  CreatedKey,
  KeyInfo,
  KeyRevokedEvent,
} from './envelopes.js';
export {
  SUPPORTED_PROTOCOL_VERSIONS,
  LATEST_PROTOCOL_VERSION,
  DEFAULT_HTTP_PROTOCOL_VERSION,
  isSupportedProtocolVersion,
  JsonRpcErrorCode,
  type ProtocolVersion,
  type JsonRpcId,
  type JsonRpcRequest,
  type JsonRpcNotification,
  type JsonRpcErrorObject,
  type JsonRpcResponse,
  type JsonRpcMessage,
} from './mcp.js';
export { type Logger, silentLogger } from './logger.js';
