import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import {
  InputRequiredSignal,
  answerable,
  inputRequiredAsker,
  isValidAnswer,
  openState,
  sealState,
} from './input-required.js';
import type { RequestContext } from './types.js';

const key = Buffer.from('k'.repeat(32));
const binding = { target: 'tool', principalId: 'p1' };
const caps = { elicitation: {}, sampling: {}, roots: {} };
const accept = (v: string) => ({ action: 'accept', content: { v } });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof InputRequiredSignal ? 'signal' : GatewayError.from(err).code;
  }
}

describe('request state', () => {
  it('opens what it sealed, bound to its caller and target, until it expires', () => {
    const state = sealState(key, {
      t: 'tool',
      p: 'p1',
      exp: Date.now() + 1000,
      a: { x: { y: 1 } },
    });
    expect(openState(key, state, binding)).toEqual({ x: { y: 1 } });
    expect(() => openState(key, state, { ...binding, principalId: 'p2' })).toThrow(/another/);
    expect(() => openState(key, state, { ...binding, target: 'other' })).toThrow(/another/);
    expect(() => openState(key, state, binding, Date.now() + 5000)).toThrow(/expired/);
    expect(() => openState(Buffer.from('other-key'), state, binding)).toThrow(/integrity/);
  });

  it('refuses any change to the state', () => {
    const state = sealState(key, { t: 'tool', p: 'p1', exp: Date.now() + 1000, a: {} });
    const [v, body, mac] = state.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ t: 'tool', p: 'p1', exp: 9e15, a: { x: {} } }),
    ).toString('base64url');
    for (const s of [`${state}-TAMPERED`, `${v}.${forged}.${mac}`, `${v}.${body}`, 'junk', '']) {
      expect(() => openState(key, s, binding), s).toThrow(GatewayError);
    }
  });
});

describe('isValidAnswer', () => {
  it('checks the shape of each kind of answer', () => {
    expect(isValidAnswer('elicitation/create', accept('x'))).toBe(true);
    expect(isValidAnswer('elicitation/create', { action: 'decline' })).toBe(true);
    expect(isValidAnswer('elicitation/create', { action: 'maybe' })).toBe(false);
    expect(isValidAnswer('elicitation/create', 12345)).toBe(false);
    expect(
      isValidAnswer('sampling/createMessage', {
        role: 'assistant',
        content: { type: 'text', text: 'hi' },
      }),
    ).toBe(true);
    expect(isValidAnswer('sampling/createMessage', { content: 'hi' })).toBe(false);
    expect(isValidAnswer('roots/list', { roots: [] })).toBe(true);
    expect(isValidAnswer('roots/list', {})).toBe(false);
  });
});

describe('inputRequiredAsker', () => {
  it('collects unanswered questions and seals the answers of this round in the state', async () => {
    const a = inputRequiredAsker(caps, { one: accept('1'), extra: accept('x') }, { binding, key });
    expect(await a.ask('one', 'elicitation/create', {})).toEqual(accept('1'));
    expect(await code(a.ask('two', 'roots/list', {}))).toBe('signal');
    const r = a.result();
    expect(r.resultType).toBe('input_required');
    expect(r.inputRequests).toEqual({ two: { method: 'roots/list', params: {} } });
    // The next round needs only the new answer: the first comes back from the state.
    const b = inputRequiredAsker(
      caps,
      { two: { roots: [] } },
      { binding, key, requestState: r.requestState },
    );
    expect(await b.ask('one', 'elicitation/create', {})).toEqual(accept('1'));
    expect(await b.ask('two', 'roots/list', {})).toEqual({ roots: [] });
  });

  it('refuses a tampered state, a malformed answer and an undeclared capability', async () => {
    const tampered = inputRequiredAsker(
      caps,
      { one: accept('1') },
      { binding, key, requestState: 'v1.x.y' },
    );
    expect(await code(tampered.ask('one', 'elicitation/create', {}))).toBe(ErrorCode.InvalidParams);
    const bad = inputRequiredAsker(caps, { one: { action: 'maybe' } }, { binding, key });
    expect(await code(bad.ask('one', 'elicitation/create', {}))).toBe(ErrorCode.InvalidParams);
    const none = inputRequiredAsker({}, undefined, { binding, key });
    const err = await none.ask('one', 'sampling/createMessage', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe(ErrorCode.Forbidden);
    expect((err as GatewayError).details).toMatchObject({ requiredCapabilities: { sampling: {} } });
  });
});

describe('answerable', () => {
  const ctx = (interaction: RequestContext['interaction']): RequestContext =>
    ({
      principalId: 'p1',
      clientCapabilities: caps,
      interaction,
      ask: () => Promise.reject(new Error('stream ask')),
    }) as unknown as RequestContext;

  it('turns an unanswered question of a stateless request into an input_required result', async () => {
    const run = async (c: RequestContext) => ({ text: await c.ask('q', 'roots/list', {}) });
    const first = await answerable(ctx('input-required'), {}, 'prompt:p', run);
    expect(first).toMatchObject({
      resultType: 'input_required',
      inputRequests: { q: { method: 'roots/list' } },
    });
    const done = await answerable(
      ctx('input-required'),
      { inputResponses: { q: { roots: [] } } },
      'prompt:p',
      run,
    );
    expect(done).toEqual({ text: { roots: [] } });
  });

  it('leaves other clients to the ask they have', async () => {
    const run = (c: RequestContext) => c.ask('q', 'roots/list', {});
    await expect(answerable(ctx('stream'), {}, 'prompt:p', run)).rejects.toThrow('stream ask');
  });
});
