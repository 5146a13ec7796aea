import type { LogLevel, ToolDefinition, ToolResult } from '@stockpulse/protocol';

/** What a tool handler knows about the call it serves. */
export interface ToolContext {
  readonly principalId: string;
  readonly scopes: readonly string[];
  readonly sessionId: string | undefined;
  readonly requestId: string;
  /** Absolute deadline (ms since the epoch); the edge stops waiting then. */
  readonly deadline: number;
  /** Aborted when the deadline passes or the service stops. */
  readonly signal: AbortSignal;
  /** Reports progress to the client, when it asked for it; otherwise does nothing. */
  progress(progress: number, total?: number, message?: string): void;
  /**
   * Sends a log message to the client (`notifications/message`) when it asked for this level or
   * a less severe one with logging/setLevel; otherwise does nothing.
   */
  log(level: LogLevel, data: unknown, logger?: string): void;
}

/** One tool a service serves: its definition and its handler. */
export interface ToolImplementation {
  readonly definition: ToolDefinition;
  /**
   * Runs the tool on validated arguments. Tool failures are returned as results with
   * `isError: true`; a thrown GatewayError becomes a protocol error; anything else thrown
   * becomes a tool failure.
   */
  handler(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}
