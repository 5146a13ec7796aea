import type { ToolImplementation } from '@stockpulse/tool-service';
import { DEFAULTS_FORM, ENUMS_FORM, oneFieldForm } from './elicitation-schemas.js';
import { NO_ARGUMENTS, field, text } from './tool-kit.js';

/** The text of a sampling result (`content.text`), or a placeholder. */
export function sampledText(result: Record<string, unknown>): string {
  const value = field(result, 'content', 'text');
  return typeof value === 'string' ? value : '(no text)';
}

/** An elicitation result as one line: its action and content. */
export function elicited(result: Record<string, unknown>): string {
  const action = typeof result['action'] === 'string' ? result['action'] : 'unknown';
  return `action=${action}, content=${JSON.stringify(result['content'] ?? {})}`;
}

function sampling(prompt: string, maxTokens: number): Record<string, unknown> {
  return { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens };
}

/**
 * Tools that ask the client something while they run (sampling, elicitation) on the
 * session-based revisions, where the question travels on the stream of the call. Errors of
 * `ctx.ask` are not caught: they are the gateway's answer (a refused capability, a timeout).
 */
export function askingTools(): ToolImplementation[] {
  return [
    {
      definition: {
        name: 'test_sampling',
        description: 'Asks the client to sample an LLM completion for the prompt',
        inputSchema: {
          type: 'object',
          properties: { prompt: { type: 'string', description: 'The prompt to send to the LLM' } },
          required: ['prompt'],
        },
      },
      handler: async (args, ctx) => {
        const prompt = typeof args['prompt'] === 'string' ? args['prompt'] : '';
        const result = await ctx.ask('completion', 'sampling/createMessage', sampling(prompt, 100));
        return text(`LLM response: ${sampledText(result)}`);
      },
    },
    {
      definition: {
        name: 'test_elicitation',
        description: 'Asks the user for a response with a form',
        inputSchema: {
          type: 'object',
          properties: {
            message: { type: 'string', description: 'The message to show the user' },
          },
          required: ['message'],
        },
      },
      handler: async (args, ctx) => {
        const message = typeof args['message'] === 'string' ? args['message'] : '';
        const result = await ctx.ask('response', 'elicitation/create', {
          message,
          requestedSchema: {
            type: 'object',
            properties: { response: { type: 'string', description: "User's response" } },
            required: ['response'],
          },
        });
        return text(`User response: ${elicited(result)}`);
      },
    },
    {
      definition: {
        name: 'test_elicitation_sep1034_defaults',
        description: 'Asks for a form whose fields all carry defaults (SEP-1034)',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        const result = await ctx.ask('defaults', 'elicitation/create', {
          message: 'Please review and update the form fields with defaults',
          requestedSchema: DEFAULTS_FORM,
        });
        return text(`Elicitation completed: ${elicited(result)}`);
      },
    },
    {
      definition: {
        name: 'test_elicitation_sep1330_enums',
        description: 'Asks for a form with every enum shape (SEP-1330)',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        const result = await ctx.ask('enums', 'elicitation/create', {
          message: 'Please select options from the enum fields',
          requestedSchema: ENUMS_FORM,
        });
        return text(`Elicitation completed: ${elicited(result)}`);
      },
    },
    {
      // 2026-07-28 probe: asking for sampling the client did not declare must fail (-32021).
      definition: {
        name: 'test_missing_capability',
        description: 'Needs sampling; a client that did not declare it gets an error',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        const result = await ctx.ask('probe', 'sampling/createMessage', sampling('Say hi', 20));
        return text(`Sampled: ${sampledText(result)}`);
      },
    },
    {
      // 2026-07-28 probe: the question must come back as an input_required result, never as a
      // request of its own on the response stream.
      definition: {
        name: 'test_streaming_elicitation',
        description: 'Asks the user one question while the call runs',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async (_args, ctx) => {
        const result = await ctx.ask('answer', 'elicitation/create', {
          message: 'Anything to add?',
          requestedSchema: oneFieldForm('answer', 'string'),
        });
        return text(`Answered: ${elicited(result)}`);
      },
    },
  ];
}
