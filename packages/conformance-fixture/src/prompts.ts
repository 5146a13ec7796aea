import type { PromptImplementation } from '@stockpulse/tool-service';
import { oneFieldForm } from './elicitation-schemas.js';
import { PIXEL_PNG_BASE64 } from './media.js';
import { field } from './tool-kit.js';

/** Values offered for completion of `test_prompt_with_arguments`'s arguments. */
const SUGGESTIONS = ['test', 'testValue1', 'testValue2', 'paris', 'park', 'party'];

const userText = (text: string): { role: 'user'; content: Record<string, unknown> } => ({
  role: 'user',
  content: { type: 'text', text },
});

/** The prompts: plain, with arguments, with an embedded resource, with an image, and one that asks. */
export function fixturePrompts(): PromptImplementation[] {
  return [
    {
      definition: {
        name: 'test_simple_prompt',
        title: 'Simple Test Prompt',
        description: 'A simple prompt without arguments',
      },
      get: async () => ({ messages: [userText('This is a simple prompt for testing.')] }),
    },
    {
      definition: {
        name: 'test_prompt_with_arguments',
        title: 'Prompt With Arguments',
        description: 'A prompt with two required arguments',
        arguments: [
          { name: 'arg1', description: 'First test argument', required: true },
          { name: 'arg2', description: 'Second test argument', required: true },
        ],
      },
      get: async (args) => ({
        messages: [
          userText(`Prompt with arguments: arg1='${args['arg1']}', arg2='${args['arg2']}'`),
        ],
      }),
      complete: async (_argument, value) => SUGGESTIONS.filter((s) => s.startsWith(value)),
    },
    {
      definition: {
        name: 'test_prompt_with_embedded_resource',
        title: 'Prompt With Embedded Resource',
        description: 'A prompt that embeds the resource it is given',
        arguments: [
          { name: 'resourceUri', description: 'URI of the resource to embed', required: true },
        ],
      },
      get: async (args) => ({
        messages: [
          {
            role: 'user',
            content: {
              type: 'resource',
              resource: {
                uri: args['resourceUri'],
                mimeType: 'text/plain',
                text: 'Embedded resource content for testing.',
              },
            },
          },
          userText('Please process the embedded resource above.'),
        ],
      }),
    },
    {
      definition: {
        name: 'test_prompt_with_image',
        title: 'Prompt With Image',
        description: 'A prompt that includes an image',
      },
      get: async () => ({
        messages: [
          {
            role: 'user',
            content: { type: 'image', data: PIXEL_PNG_BASE64, mimeType: 'image/png' },
          },
          userText('Please analyze the image above.'),
        ],
      }),
    },
    {
      // SEP-2322: input_required is not only for tools; prompts/get may ask too.
      definition: {
        name: 'test_input_required_result_prompt',
        title: 'Prompt That Asks',
        description: 'A prompt that asks the user for context before it renders',
      },
      get: async (_args, ctx) => {
        const answer = await ctx.ask('user_context', 'elicitation/create', {
          message: 'What context should the prompt use?',
          requestedSchema: oneFieldForm('context', 'string'),
        });
        const context = field(answer, 'content', 'context');
        return {
          messages: [
            userText(`Use this context: ${typeof context === 'string' ? context : '(none)'}`),
          ],
        };
      },
    },
  ];
}
