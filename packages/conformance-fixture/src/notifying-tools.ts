import type { ToolContext, ToolImplementation } from '@stockpulse/tool-service';
import { NO_ARGUMENTS, pause, text } from './tool-kit.js';

/** Gap between notifications, so a client sees them arrive during the call, not in one burst. */
const STEP_MS = 50;

async function logThree(ctx: ToolContext): Promise<void> {
  const messages = ['Tool execution started', 'Tool processing data', 'Tool execution completed'];
  for (const [i, message] of messages.entries()) {
    if (i > 0) await pause(STEP_MS, ctx.signal);
    ctx.log('info', message, 'conformance-fixture');
  }
}

/** Tools that send notifications while they run: log messages and progress. */
export function notifyingTools(): ToolImplementation[] {
  return [
    {
      definition: {
        name: 'test_tool_with_logging',
        description: 'Sends three info log messages, 50 ms apart, then returns',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        await logThree(ctx);
        return text('Tool with logging executed successfully');
      },
    },
    {
      // 2026-07-28 probe: without a log level in the request's _meta, no message may reach it.
      definition: {
        name: 'test_logging_tool',
        description: 'Sends three info log messages, only to a client that asked for them',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        await logThree(ctx);
        return text('Logging tool finished');
      },
    },
    {
      definition: {
        name: 'test_tool_with_progress',
        description: 'Reports progress 0, 50 and 100 of 100, 50 ms apart, then returns',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        for (const step of [0, 50, 100]) {
          if (step > 0) await pause(STEP_MS, ctx.signal);
          ctx.progress(step, 100, `Completed step ${step} of 100`);
        }
        return text('Progress reported: 0, 50, 100 of 100');
      },
    },
    {
      // SEP-1699 (SSE polling): the stream closes mid-call; the client resumes it with
      // Last-Event-ID and still gets the result.
      definition: {
        name: 'test_reconnection',
        description: 'Closes the stream of the call mid-way, then returns',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        ctx.closeStream();
        await pause(100, ctx.signal);
        return text('Reconnection test completed: the result arrived after the stream closed');
      },
    },
  ];
}
