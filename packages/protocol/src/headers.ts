/**
 * NATS header names the gateway stamps on messages. W3C trace context travels as `traceparent`
 * and `tracestate`; `Nats-Msg-Id` de-duplicates JetStream publishes.
 */
export const Header = {
  RequestId: 'Mcpgw-Request-Id',
  SessionId: 'Mcpgw-Session-Id',
  /** The client's JSON-RPC id of the request, JSON-encoded (cancellation names it). */
  RpcId: 'Mcpgw-Rpc-Id',
  PrincipalId: 'Mcpgw-Principal-Id',
  PrincipalScopes: 'Mcpgw-Principal-Scopes',
  /** Absolute deadline, milliseconds since the epoch; work past it is dropped. */
  Deadline: 'Mcpgw-Deadline',
  ProtocolVersion: 'Mcpgw-Protocol-Version',
  /** The least severe log level the client asked for (logging/setLevel); absent sends none. */
  LogLevel: 'Mcpgw-Log-Level',
  /** The client's declared capabilities, JSON-encoded (what a worker may ask it). */
  ClientCapabilities: 'Mcpgw-Client-Capabilities',
  /**
   * How a worker may ask the client something (elicitation, sampling, roots): `stream` sends a
   * server-to-client request on the request's stream, `input-required` answers with an
   * input_required result (2026-07-28), absent means it cannot ask.
   */
  Interaction: 'Mcpgw-Interaction',
  /** Marks the response of a request on the session subject: the last event of its stream. */
  Final: 'Mcpgw-Final',
  /**
   * A worker's instruction to the edge about the stream of its request: `close-stream` ends the
   * SSE response now (the client resumes it with Last-Event-ID, SSE polling).
   */
  Control: 'Mcpgw-Control',
  /** Tool a call is for (router-in-path mode reads it instead of parsing the payload). */
  Tool: 'Mcpgw-Tool',
  TraceParent: 'traceparent',
  TraceState: 'tracestate',
  MsgId: 'Nats-Msg-Id',
} as const;
export type Header = (typeof Header)[keyof typeof Header];
