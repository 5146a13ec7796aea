import type { Bus } from '@stockpulse/bus';
import type { Logger } from '@stockpulse/protocol';
import {
  startToolService,
  type PromptImplementation,
  type ToolImplementation,
  type ToolService,
} from '@stockpulse/tool-service';
import { NO_ARGUMENTS, text } from './tool-kit.js';

/** Changes the fixture's tool or prompt list, so the gateway has a list change to announce. */
export interface ListChanger {
  changeTools(): Promise<void>;
  changePrompts(): Promise<void>;
}

/** The id of the companion service whose manifest the triggers rewrite. */
export const DYNAMIC_SERVICE = 'conformance-fixture-dynamic';

/** The diagnostic tools `test_trigger_tool_change` and `test_trigger_prompt_change`. */
export function listChangeTools(changer: ListChanger): ToolImplementation[] {
  return [
    {
      definition: {
        name: 'test_trigger_tool_change',
        description: 'Adds or removes a tool, so the tool list changes',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () => {
        await changer.changeTools();
        return text('The tool list changed');
      },
    },
    {
      definition: {
        name: 'test_trigger_prompt_change',
        description: 'Adds or removes a prompt, so the prompt list changes',
        inputSchema: NO_ARGUMENTS,
      },
      handler: async () => {
        await changer.changePrompts();
        return text('The prompt list changed');
      },
    },
  ];
}

const dynamicTool: ToolImplementation = {
  definition: {
    name: 'test_dynamic_tool',
    description: 'A tool that comes and goes with test_trigger_tool_change',
    inputSchema: NO_ARGUMENTS,
  },
  handler: async () => text('The dynamic tool ran'),
};

const dynamicPrompt: PromptImplementation = {
  definition: {
    name: 'test_dynamic_prompt',
    description: 'A prompt that comes and goes with test_trigger_prompt_change',
  },
  get: async () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'A dynamic prompt.' } }],
  }),
};

/**
 * Runs the companion service {@link DYNAMIC_SERVICE} and returns a changer that toggles its
 * tool or its prompt. Each change restarts the service, which announces a new manifest through
 * the tool service's public API like any service that redeploys with a different catalog.
 */
export async function startListChanger(
  bus: Bus,
  version: string,
  logger?: Logger,
): Promise<ListChanger & { stop(): Promise<void> }> {
  let withTool = false;
  let withPrompt = false;
  let service: ToolService | undefined;
  let queue: Promise<void> = Promise.resolve();
  const restart = async (): Promise<void> => {
    await service?.stop();
    service = await startToolService({
      bus,
      service: DYNAMIC_SERVICE,
      version,
      tools: withTool ? [dynamicTool] : [],
      prompts: withPrompt ? [dynamicPrompt] : [],
      ...(logger ? { logger } : {}),
    });
  };
  // Changes run one at a time: two triggers at once must not start two services.
  const serially = (change: () => void): Promise<void> =>
    (queue = queue
      .catch(() => undefined)
      .then(() => {
        change();
        return restart();
      }));
  await restart();
  return {
    changeTools: () => serially(() => (withTool = !withTool)),
    changePrompts: () => serially(() => (withPrompt = !withPrompt)),
    stop: async () => {
      await queue.catch(() => undefined);
      await service?.stop();
    },
  };
}
