import { compileSchema } from '@stockpulse/schemas';
import { createSimulatedProvider, type MarketDataProvider } from '@stockpulse/market-data';
import { ErrorCode, GatewayError, type ToolResult } from '@stockpulse/protocol';
import type { ToolContext, ToolImplementation } from '@stockpulse/tool-service';

/** A Tuesday at 12:45 New York time (EDT): the market is open. */
export const OPEN_INSTANT = new Date('2026-03-10T16:45:00Z');

/** A simulated provider pinned to a clock. */
export function pinnedProvider(at: Date = OPEN_INSTANT, seed = 42): MarketDataProvider {
  return createSimulatedProvider({ seed, now: () => at });
}

const baseContext: ToolContext = {
  principalId: 'p',
  scopes: [],
  sessionId: undefined,
  requestId: 'r',
  protocolVersion: '2025-11-25',
  deadline: Date.now() + 60_000,
  signal: new AbortController().signal,
  clientCapabilities: {},
  interaction: 'none',
  ask: () => Promise.reject(new GatewayError(ErrorCode.Forbidden, 'the client cannot be asked')),
  closeStream: () => undefined,
  notify: () => undefined,
  progress: () => undefined,
  log: () => undefined,
};

/** A tool context for tests: principal `p`, revision 2025-11-25, nobody to ask; override any field. */
export function testContext(overrides: Partial<ToolContext> = {}): ToolContext {
  return { ...baseContext, deadline: Date.now() + 60_000, ...overrides };
}

/**
 * Calls a tool as the tool service would: arguments checked against the input schema first
 * (throws when they are refused), and a successful result checked against the output schema.
 */
export async function callTool(
  tool: ToolImplementation,
  args: Record<string, unknown>,
  ctx: ToolContext = testContext(),
): Promise<ToolResult> {
  const input = compileSchema(tool.definition.inputSchema)(args);
  if (!input.ok) throw new Error(`invalid arguments: ${JSON.stringify(input.errors)}`);
  const result = await tool.handler(args, ctx);
  if (!result.isError) {
    const schema = tool.definition.outputSchema;
    if (!schema || !result.structuredContent) throw new Error('missing structured content');
    const output = compileSchema(schema)(result.structuredContent);
    if (!output.ok) throw new Error(`invalid output: ${JSON.stringify(output.errors)}`);
  }
  return result;
}

/** The text of a result's first content block. */
export function textOf(result: ToolResult): string {
  const block = result.content[0];
  return typeof block?.['text'] === 'string' ? block['text'] : '';
}

/** Whether a tool's arguments pass its input schema. */
export function acceptsArgs(tool: ToolImplementation, args: Record<string, unknown>): boolean {
  return compileSchema(tool.definition.inputSchema)(args).ok;
}
