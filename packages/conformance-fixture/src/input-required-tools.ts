import type { ToolContext, ToolImplementation } from '@stockpulse/tool-service';
import { oneFieldForm } from './elicitation-schemas.js';
import { elicited, sampledText } from './asking-tools.js';
import { NO_ARGUMENTS, field, text } from './tool-kit.js';

const NAME_QUESTION = {
  message: 'What is your name?',
  requestedSchema: oneFieldForm('name', 'string'),
} as const;

const CAPITAL_QUESTION = {
  messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }],
  maxTokens: 100,
} as const;

/** The `name` field of an accepted elicitation, or a stand-in. */
function nameOf(result: Record<string, unknown>): string {
  const name = field(result, 'content', 'name');
  return typeof name === 'string' ? name : 'stranger';
}

/** The URIs of a roots/list result. */
function rootUris(result: Record<string, unknown>): string[] {
  const roots = result['roots'];
  if (!Array.isArray(roots)) return [];
  return roots.map((r) => field(r, 'uri')).filter((u): u is string => typeof u === 'string');
}

function tool(
  name: string,
  description: string,
  handler: (ctx: ToolContext) => Promise<string>,
): ToolImplementation {
  return {
    definition: { name, description, inputSchema: NO_ARGUMENTS },
    handler: async (_args, ctx) => text(await handler(ctx)),
  };
}

/**
 * Tools that ask the client before they can finish (SEP-2322). They are written like any tool
 * that calls `ctx.ask`; for a 2026-07-28 client the tool service turns each unanswered question
 * into an input_required result and hands the answers back when the client calls again. The
 * question keys are the ones the suite looks for.
 */
export function inputRequiredTools(): ToolImplementation[] {
  return [
    tool('test_input_required_result_elicitation', 'Asks the user their name', async (ctx) => {
      const answer = await ctx.ask('user_name', 'elicitation/create', NAME_QUESTION);
      return `Hello, ${nameOf(answer)}!`;
    }),
    tool('test_input_required_result_sampling', 'Asks the client to sample', async (ctx) => {
      const answer = await ctx.ask('capital_question', 'sampling/createMessage', CAPITAL_QUESTION);
      return `The model answered: ${sampledText(answer)}`;
    }),
    tool('test_input_required_result_list_roots', "Asks for the client's roots", async (ctx) => {
      const answer = await ctx.ask('client_roots', 'roots/list', {});
      return `Client roots: ${rootUris(answer).join(', ') || '(none)'}`;
    }),
    tool(
      'test_input_required_result_request_state',
      'Asks for a confirmation; the answer comes back with the request state',
      async (ctx) => {
        const answer = await ctx.ask('confirm', 'elicitation/create', {
          message: 'Please confirm',
          requestedSchema: oneFieldForm('ok', 'boolean'),
        });
        // The tool service checks the echoed requestState before the handler runs again, so
        // reaching this line means the state came back intact.
        return `state-ok: confirmation ${elicited(answer)}`;
      },
    ),
    tool(
      'test_input_required_result_multiple_inputs',
      'Asks three questions at once: elicitation, sampling and roots',
      async (ctx) => {
        const [user, greeting, roots] = await Promise.all([
          ctx.ask('user_name', 'elicitation/create', NAME_QUESTION),
          ctx.ask('greeting', 'sampling/createMessage', {
            messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
            maxTokens: 50,
          }),
          ctx.ask('client_roots', 'roots/list', {}),
        ]);
        return `${sampledText(greeting)}, ${nameOf(user)} (roots: ${rootUris(roots).join(', ')})`;
      },
    ),
    tool(
      'test_input_required_result_multi_round',
      'Asks two questions, one round after the other',
      async (ctx) => {
        const step1 = await ctx.ask('step1', 'elicitation/create', {
          message: 'Step 1: What is your name?',
          requestedSchema: oneFieldForm('name', 'string'),
        });
        const step2 = await ctx.ask('step2', 'elicitation/create', {
          message: 'Step 2: What is your favorite color?',
          requestedSchema: oneFieldForm('color', 'string'),
        });
        const color = field(step2, 'content', 'color');
        return `${nameOf(step1)} likes ${typeof color === 'string' ? color : 'no colour'}`;
      },
    ),
    tool(
      'test_input_required_result_tampered_state',
      'Asks for a confirmation; a tampered request state must be refused',
      async (ctx) => {
        const answer = await ctx.ask('confirm', 'elicitation/create', {
          message: 'Please confirm',
          requestedSchema: oneFieldForm('ok', 'boolean'),
        });
        return `Confirmed: ${elicited(answer)}`;
      },
    ),
    tool(
      'test_input_required_result_capabilities',
      'Asks only what the client declared it can answer',
      async (ctx) => {
        const caps = ctx.clientCapabilities;
        const asks: Promise<Record<string, unknown>>[] = [];
        if (caps['sampling'])
          asks.push(ctx.ask('capital_question', 'sampling/createMessage', CAPITAL_QUESTION));
        if (caps['elicitation'])
          asks.push(ctx.ask('user_name', 'elicitation/create', NAME_QUESTION));
        const answers = await Promise.all(asks);
        return `Asked ${answers.length} question(s) the client can answer`;
      },
    ),
  ];
}
