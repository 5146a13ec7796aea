import type {
  LogLevel,
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
  ToolResult,
} from '@stockpulse/protocol';

/** Requests a worker may send to the client (server-to-client requests). */
export type ClientRequestMethod = 'elicitation/create' | 'sampling/createMessage' | 'roots/list';

/**
 * How a worker can ask the client something: `stream` sends a server-to-client request on the
 * stream of the call and waits for the answer (session-based revisions); `input-required` ends
 * the call with an input_required result that the client answers by calling again (2026-07-28);
 * `none` means the client cannot be asked (no stream to carry the request).
 */
export type Interaction = 'stream' | 'input-required' | 'none';

/** Options of {@link ToolContext.ask}. */
export interface AskOptions {
  /** How long to wait for the client's answer (stream mode); the call's deadline bounds it. */
  readonly timeoutMs?: number;
}

/** What a handler knows about the request it serves, and how it talks back to the client. */
export interface RequestContext {
  readonly principalId: string;
  readonly scopes: readonly string[];
  readonly sessionId: string | undefined;
  readonly requestId: string;
  /** The negotiated protocol revision. */
  readonly protocolVersion: string | undefined;
  /** Absolute deadline (ms since the epoch); the edge stops waiting then. */
  readonly deadline: number;
  /** Aborted when the deadline passes, the client cancels or the service stops. */
  readonly signal: AbortSignal;
  /** The capabilities the client declared (elicitation, sampling, roots, ...). */
  readonly clientCapabilities: Readonly<Record<string, unknown>>;
  /** How the client can be asked something; see {@link Interaction}. */
  readonly interaction: Interaction;
  /**
   * Asks the client: `elicitation/create`, `sampling/createMessage` or `roots/list`. `key`
   * names the question within the call, so that a stateless client's answer (sent with its next
   * call) finds it; use a fixed key per question. Resolves with the client's result.
   * Throws a GatewayError: `forbidden` when the client did not declare the capability or cannot
   * be asked (`interaction` is `none`), `deadline_exceeded` when it did not answer in time,
   * `bad_request` when it answered with an error. In `input-required` mode an unanswered
   * question ends the call with an input_required result (the handler need not catch that).
   */
  ask(
    key: string,
    method: ClientRequestMethod,
    params: Record<string, unknown>,
    opts?: AskOptions,
  ): Promise<Record<string, unknown>>;
  /**
   * Asks the edge to close the SSE stream of this request now; the client resumes it with its
   * Last-Event-ID and gets the rest, response included (SSE polling, 2025-11-25). Does nothing
   * for a request not answered on its own stream.
   */
  closeStream(): void;
  /**
   * Sends the client a notification (e.g. `notifications/elicitation/complete` after a URL-mode
   * elicitation): on the stream of this request when it has one, else on the session's GET
   * stream. A stateless client has neither, and gets nothing.
   */
  notify(method: string, params?: Record<string, unknown>): void;
  /** Reports progress to the client, when it asked for it; otherwise does nothing. */
  progress(progress: number, total?: number, message?: string): void;
  /**
   * Sends a log message to the client (`notifications/message`) when it asked for this level or
   * a less severe one with logging/setLevel; otherwise does nothing.
   */
  log(level: LogLevel, data: unknown, logger?: string): void;
}

/** What a tool handler knows about the call it serves. */
export type ToolContext = RequestContext;

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

/** The contents of one resource, as resources/read returns them. */
export type ResourceContents =
  | { readonly uri: string; readonly mimeType?: string; readonly text: string }
  | { readonly uri: string; readonly mimeType?: string; readonly blob: string };

/** One fixed resource a service serves. */
export interface ResourceImplementation {
  readonly definition: ResourceDefinition;
  read(ctx: RequestContext): Promise<readonly ResourceContents[]>;
}

/** A family of resources named by a URI template (`{var}` expressions). */
export interface ResourceTemplateImplementation {
  readonly definition: ResourceTemplateDefinition;
  /** Reads one URI the template matched, with its variables; null when no such resource. */
  read(
    uri: string,
    vars: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<readonly ResourceContents[] | null>;
  /** Completion values for one template variable (completion/complete). */
  complete?(variable: string, value: string, ctx: RequestContext): Promise<readonly string[]>;
}

/** The result of prompts/get. */
export interface PromptResult {
  readonly description?: string;
  readonly messages: readonly {
    readonly role: 'user' | 'assistant';
    readonly content: Record<string, unknown>;
  }[];
}

/** One prompt a service serves. */
export interface PromptImplementation {
  readonly definition: PromptDefinition;
  /** Renders the prompt; arguments are checked against the definition's required ones first. */
  get(args: Readonly<Record<string, string>>, ctx: RequestContext): Promise<PromptResult>;
  /** Completion values for one argument (completion/complete). */
  complete?(argument: string, value: string, ctx: RequestContext): Promise<readonly string[]>;
}
