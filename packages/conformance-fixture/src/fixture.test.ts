import { describe, expect, it } from 'vitest';
import type { ClientRequestMethod, RequestContext, ToolContext } from '@stockpulse/tool-service';
import { createConformanceCatalog } from './fixture.js';
import { JSON_SCHEMA_2020_12_INPUT } from './content-tools.js';
import type { ListChanger } from './list-changes.js';

/** A question the fake client was asked. */
interface Asked {
  readonly key: string;
  readonly method: ClientRequestMethod;
  readonly params: Record<string, unknown>;
}

/**
 * A request context whose client answers from `answers` by key, like a stateless client that
 * sends its inputResponses; an unanswered question rejects, ending the handler.
 */
function fakeContext(
  answers: Record<string, Record<string, unknown>> = {},
  caps: Record<string, unknown> = { elicitation: {}, sampling: {}, roots: {} },
): { ctx: ToolContext; asked: Asked[]; logs: unknown[]; progress: number[] } {
  const asked: Asked[] = [];
  const logs: unknown[] = [];
  const progress: number[] = [];
  const ctx: RequestContext = {
    principalId: 'anonymous',
    scopes: [],
    sessionId: 's1',
    requestId: 'r1',
    protocolVersion: '2025-11-25',
    deadline: Date.now() + 5_000,
    signal: new AbortController().signal,
    clientCapabilities: caps,
    interaction: 'input-required',
    ask: (key, method, params) => {
      asked.push({ key, method, params });
      const answer = answers[key];
      return answer ? Promise.resolve(answer) : Promise.reject(new Error(`unanswered: ${key}`));
    },
    closeStream: () => undefined,
    notify: () => undefined,
    progress: (p) => void progress.push(p),
    log: (_level, data) => void logs.push(data),
  };
  return { ctx, asked, logs, progress };
}

const changer: ListChanger = { changeTools: async () => {}, changePrompts: async () => {} };
const catalog = createConformanceCatalog(changer);
const tool = (name: string) => {
  const t = catalog.tools.find((x) => x.definition.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return t;
};
const prompt = (name: string) => {
  const p = catalog.prompts.find((x) => x.definition.name === name);
  if (!p) throw new Error(`no prompt ${name}`);
  return p;
};

describe('conformance fixture catalog', () => {
  it('offers every tool, resource and prompt the server scenarios look for', () => {
    const names = catalog.tools.map((t) => t.definition.name);
    for (const name of [
      'test_simple_text',
      'test_image_content',
      'test_audio_content',
      'test_embedded_resource',
      'test_multiple_content_types',
      'test_tool_with_logging',
      'test_tool_with_progress',
      'test_reconnection',
      'test_error_handling',
      'test_sampling',
      'test_elicitation',
      'test_elicitation_sep1034_defaults',
      'test_elicitation_sep1330_enums',
      'json_schema_2020_12_tool',
      'test_header_parameter',
      'test_missing_capability',
      'test_streaming_elicitation',
      'test_logging_tool',
      'test_trigger_tool_change',
      'test_trigger_prompt_change',
      'test_input_required_result_elicitation',
      'test_input_required_result_sampling',
      'test_input_required_result_list_roots',
      'test_input_required_result_request_state',
      'test_input_required_result_multiple_inputs',
      'test_input_required_result_multi_round',
      'test_input_required_result_tampered_state',
      'test_input_required_result_capabilities',
    ]) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(catalog.resources.map((r) => r.definition.uri)).toEqual([
      'test://static-text',
      'test://static-binary',
      'test://watched-resource',
    ]);
    expect(catalog.resourceTemplates.map((t) => t.definition.uriTemplate)).toEqual([
      'test://template/{id}/data',
    ]);
    expect(catalog.prompts.map((p) => p.definition.name)).toEqual([
      'test_simple_prompt',
      'test_prompt_with_arguments',
      'test_prompt_with_embedded_resource',
      'test_prompt_with_image',
      'test_input_required_result_prompt',
    ]);
  });

  it('gives every tool a description and an object input schema, and names within the spec', () => {
    for (const { definition } of catalog.tools) {
      expect(definition.description, definition.name).toBeTruthy();
      expect(definition.inputSchema['type'], definition.name).toBe('object');
      expect(definition.name).toMatch(/^[A-Za-z0-9_.-]{1,128}$/);
    }
    for (const { definition } of catalog.prompts) expect(definition.description).toBeTruthy();
  });

  it('leaves the list-change triggers out without a changer', () => {
    const names = createConformanceCatalog().tools.map((t) => t.definition.name);
    expect(names).not.toContain('test_trigger_tool_change');
  });

  it('keeps the JSON Schema 2020-12 keywords of its schema tool as written', () => {
    expect(tool('json_schema_2020_12_tool').definition.inputSchema).toBe(JSON_SCHEMA_2020_12_INPUT);
  });
});

describe('conformance fixture tools', () => {
  it('returns each content type', async () => {
    const { ctx } = fakeContext();
    const types = async (name: string) =>
      (await tool(name).handler({}, ctx)).content.map((c) => c.type);
    expect(await types('test_simple_text')).toEqual(['text']);
    expect(await types('test_image_content')).toEqual(['image']);
    expect(await types('test_audio_content')).toEqual(['audio']);
    expect(await types('test_embedded_resource')).toEqual(['resource']);
    expect(await types('test_multiple_content_types')).toEqual(['text', 'image', 'resource']);
    const audio = (await tool('test_audio_content').handler({}, ctx)).content[0];
    expect(audio?.['mimeType']).toBe('audio/wav');
    expect(Buffer.from(String(audio?.['data']), 'base64').subarray(0, 4).toString()).toBe('RIFF');
  });

  it('fails test_error_handling by throwing, which the tool service makes an isError result', async () => {
    await expect(tool('test_error_handling').handler({}, fakeContext().ctx)).rejects.toThrow(
      /intentionally/,
    );
  });

  it('sends three log messages and three increasing progress steps', async () => {
    const logging = fakeContext();
    await tool('test_tool_with_logging').handler({}, logging.ctx);
    expect(logging.logs).toEqual([
      'Tool execution started',
      'Tool processing data',
      'Tool execution completed',
    ]);
    const progress = fakeContext();
    await tool('test_tool_with_progress').handler({}, progress.ctx);
    expect(progress.progress).toEqual([0, 50, 100]);
  });

  it('asks the client for sampling and elicitation and reports the answers', async () => {
    const { ctx, asked } = fakeContext({
      completion: { role: 'assistant', content: { type: 'text', text: 'Paris' } },
      response: { action: 'accept', content: { response: 'yes' } },
    });
    const sampled = await tool('test_sampling').handler({ prompt: 'Capital?' }, ctx);
    expect(sampled.content[0]?.['text']).toBe('LLM response: Paris');
    const elicited = await tool('test_elicitation').handler({ message: 'Sure?' }, ctx);
    expect(elicited.content[0]?.['text']).toContain('action=accept');
    expect(asked.map((a) => [a.key, a.method])).toEqual([
      ['completion', 'sampling/createMessage'],
      ['response', 'elicitation/create'],
    ]);
    expect(asked[0]?.params['maxTokens']).toBe(100);
  });

  it('asks the input-required questions under the keys the suite answers', async () => {
    const keysAsked = async (name: string, answers = {}) => {
      const { ctx, asked } = fakeContext(answers);
      await tool(name)
        .handler({}, ctx)
        .catch(() => undefined);
      return asked.map((a) => `${a.key}:${a.method}`);
    };
    expect(await keysAsked('test_input_required_result_elicitation')).toEqual([
      'user_name:elicitation/create',
    ]);
    expect(await keysAsked('test_input_required_result_sampling')).toEqual([
      'capital_question:sampling/createMessage',
    ]);
    expect(await keysAsked('test_input_required_result_list_roots')).toEqual([
      'client_roots:roots/list',
    ]);
    expect(await keysAsked('test_input_required_result_multiple_inputs')).toEqual([
      'user_name:elicitation/create',
      'greeting:sampling/createMessage',
      'client_roots:roots/list',
    ]);
    expect(await keysAsked('test_input_required_result_multi_round')).toEqual([
      'step1:elicitation/create',
    ]);
    expect(
      await keysAsked('test_input_required_result_multi_round', {
        step1: { action: 'accept', content: { name: 'Ann' } },
      }),
    ).toEqual(['step1:elicitation/create', 'step2:elicitation/create']);
  });

  it('completes an input-required tool once its answers are in', async () => {
    const { ctx } = fakeContext({
      user_name: { action: 'accept', content: { name: 'Alice' } },
      confirm: { action: 'accept', content: { ok: true } },
    });
    const hello = await tool('test_input_required_result_elicitation').handler({}, ctx);
    expect(hello.content[0]?.['text']).toBe('Hello, Alice!');
    const state = await tool('test_input_required_result_request_state').handler({}, ctx);
    expect(state.content[0]?.['text']).toContain('state-ok');
  });

  it('asks only what the client declared it can answer', async () => {
    const { ctx, asked } = fakeContext({}, { sampling: {} });
    await tool('test_input_required_result_capabilities')
      .handler({}, ctx)
      .catch(() => undefined);
    expect(asked.map((a) => a.method)).toEqual(['sampling/createMessage']);
  });
});

describe('conformance fixture task tools', () => {
  it('declares the task support each tasks scenario relies on', () => {
    const support = (name: string) =>
      (tool(name).definition as { execution?: { taskSupport?: string } }).execution?.taskSupport;
    expect(support('greet')).toBe('forbidden');
    expect(support('slow_compute')).toBe('optional');
    expect(support('failing_job')).toBe('required');
    expect(support('test_tool_with_task')).toBe('required');
    expect(support('test_simple_text')).toBeUndefined();
  });

  it('greets at once and stops a slow computation when the call is aborted', async () => {
    const { ctx } = fakeContext();
    const hello = await tool('greet').handler({ name: 'Ann' }, ctx);
    expect(hello.content[0]?.['text']).toBe('Hello, Ann!');
    const stopper = new AbortController();
    const slow = tool('slow_compute').handler({ seconds: 30 }, { ...ctx, signal: stopper.signal });
    stopper.abort();
    await expect(slow).rejects.toThrow(/cancelled/);
  });
});

describe('conformance fixture resources and prompts', () => {
  it('reads text, binary and templated resources', async () => {
    const { ctx } = fakeContext();
    const [text, binary] = await Promise.all(catalog.resources.map((r) => r.read(ctx)));
    expect(text?.[0]).toMatchObject({ uri: 'test://static-text', mimeType: 'text/plain' });
    expect(binary?.[0]).toMatchObject({ uri: 'test://static-binary', mimeType: 'image/png' });
    const template = catalog.resourceTemplates[0]!;
    const read = await template.read('test://template/123/data', { id: '123' }, ctx);
    expect(read?.[0]).toMatchObject({ uri: 'test://template/123/data' });
    expect(JSON.parse((read?.[0] as { text: string }).text)).toMatchObject({ id: '123' });
    expect(await template.complete?.('id', '12', ctx)).toEqual(['123', '124']);
  });

  it('renders prompts with their arguments and completes argument values', async () => {
    const { ctx } = fakeContext();
    const withArgs = prompt('test_prompt_with_arguments');
    const got = await withArgs.get({ arg1: 'testValue1', arg2: 'testValue2' }, ctx);
    expect(JSON.stringify(got.messages)).toContain("arg1='testValue1', arg2='testValue2'");
    expect(await withArgs.complete?.('arg1', 'test', ctx)).toEqual([
      'test',
      'testValue1',
      'testValue2',
    ]);
    const embedded = await prompt('test_prompt_with_embedded_resource').get(
      { resourceUri: 'test://example-resource' },
      ctx,
    );
    expect(embedded.messages[0]?.content).toMatchObject({
      type: 'resource',
      resource: { uri: 'test://example-resource' },
    });
  });
});
