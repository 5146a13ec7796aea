import { ErrorCode, GatewayError, type ToolDefinition } from '@stockpulse/protocol';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { oneFieldForm } from './elicitation-schemas.js';
import { NO_ARGUMENTS, field, pause, text } from './tool-kit.js';

/** Whether a client may, must or must not run the tool as a task (MCP `execution.taskSupport`). */
type TaskSupport = 'forbidden' | 'optional' | 'required';

/** A definition with its task support; the manifest carries the field through to clients. */
function withTasks(definition: ToolDefinition, taskSupport: TaskSupport): ToolDefinition {
  const extended: ToolDefinition & { execution: { taskSupport: TaskSupport } } = {
    ...definition,
    execution: { taskSupport },
  };
  return extended;
}

const NAME_ARGUMENT = {
  type: 'object',
  properties: { name: { type: 'string' } },
} as const;

/** The confirmation an elicitation asked for, as one word. */
function confirmed(answer: Record<string, unknown>): string {
  return answer['action'] === 'accept' && field(answer, 'content', 'confirm') !== false
    ? 'confirmed'
    : 'not confirmed';
}

/**
 * The fixtures of the tasks extension scenarios (SEP-2663, not scored by any requirement set):
 * plain tools with a declared task support. Whether a call becomes a task, and its status, is
 * the gateway's business; the handlers only do the work and honour cancellation.
 */
export function taskTools(): ToolImplementation[] {
  return [
    {
      definition: withTasks(
        { name: 'greet', description: 'Greets by name, at once', inputSchema: NAME_ARGUMENT },
        'forbidden',
      ),
      handler: async (args) =>
        text(`Hello, ${typeof args['name'] === 'string' ? args['name'] : 'world'}!`),
    },
    {
      definition: withTasks(
        {
          name: 'slow_compute',
          description: 'Sleeps the given number of seconds, then returns',
          inputSchema: {
            type: 'object',
            properties: { seconds: { type: 'number', minimum: 0, maximum: 60 } },
          },
        },
        'optional',
      ),
      handler: async (args, ctx) => {
        const seconds = typeof args['seconds'] === 'number' ? args['seconds'] : 1;
        await pause(seconds * 1000, ctx.signal);
        if (ctx.signal.aborted) {
          throw new GatewayError(ErrorCode.BadRequest, 'slow_compute was cancelled');
        }
        return text(`Computed after ${seconds} s`);
      },
    },
    {
      definition: withTasks(
        {
          name: 'failing_job',
          description: 'Fails as a tool after about a second',
          inputSchema: NO_ARGUMENTS,
        },
        'required',
      ),
      handler: async (_args, ctx) => {
        await pause(1000, ctx.signal);
        return {
          content: [{ type: 'text', text: 'failing_job failed, as designed' }],
          isError: true,
        };
      },
    },
    {
      definition: withTasks(
        {
          name: 'protocol_error_job',
          description: 'Fails with a protocol error, not a tool result',
          inputSchema: NO_ARGUMENTS,
        },
        'optional',
      ),
      handler: async () => {
        throw new GatewayError(ErrorCode.Internal, 'protocol_error_job failed, as designed');
      },
    },
    {
      definition: withTasks(
        {
          name: 'confirm_delete',
          description: 'Asks the user to confirm, then reports the decision',
          inputSchema: NO_ARGUMENTS,
        },
        'optional',
      ),
      handler: async (_args, ctx) => {
        const answer = await ctx.ask('confirm', 'elicitation/create', {
          message: 'Delete the item?',
          requestedSchema: oneFieldForm('confirm', 'boolean'),
        });
        return text(`Deletion ${confirmed(answer)}`);
      },
    },
    {
      definition: withTasks(
        {
          name: 'multi_input',
          description: 'Asks two questions at once',
          inputSchema: NO_ARGUMENTS,
        },
        'optional',
      ),
      handler: async (_args, ctx) => {
        const [first, second] = await Promise.all([
          ctx.ask('first', 'elicitation/create', {
            message: 'First value?',
            requestedSchema: oneFieldForm('value', 'string'),
          }),
          ctx.ask('second', 'elicitation/create', {
            message: 'Second value?',
            requestedSchema: oneFieldForm('value', 'string'),
          }),
        ]);
        return text(
          `Got ${String(field(first, 'content', 'value'))} and ${String(field(second, 'content', 'value'))}`,
        );
      },
    },
    {
      definition: withTasks(
        {
          name: 'test_tool_with_task',
          description: 'Asks the user their name, then greets them as a task',
          inputSchema: NO_ARGUMENTS,
        },
        'required',
      ),
      handler: async (_args, ctx) => {
        const answer = await ctx.ask('user_name', 'elicitation/create', {
          message: 'What is your name?',
          requestedSchema: oneFieldForm('name', 'string'),
        });
        const name = field(answer, 'content', 'name');
        return text(`Hello, ${typeof name === 'string' ? name : 'stranger'}, from a task`);
      },
    },
  ];
}
