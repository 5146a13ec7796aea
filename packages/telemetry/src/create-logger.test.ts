import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { REDACTED, SECRET_KEYS } from './redaction.js';

function capture(level?: string) {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const logger = createLogger({ component: 'test', level, destination: stream });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, text, lines };
}

const SECRET = 'sk-live-0123456789abcdef';

describe('createLogger', () => {
  const saved = process.env['LOG_LEVEL'];
  afterEach(() => {
    if (saved === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = saved;
  });

  it('writes one JSON line: level, time, component, fields, then msg', () => {
    const { logger, text, lines } = capture();
    logger.info({ requestId: 'r1', n: 2 }, 'call done');
    const [line] = lines();
    expect(line).toMatchObject({
      level: 'info',
      component: 'test',
      requestId: 'r1',
      n: 2,
      msg: 'call done',
    });
    expect(Date.parse(String(line!['time']))).not.toBeNaN();
    expect(Object.keys(line!).at(-1)).toBe('msg');
    expect(text().endsWith('\n')).toBe(true);
  });

  it.each(SECRET_KEYS)('redacts %s at the top level and nested', (key) => {
    const { logger, text, lines } = capture();
    logger.warn(
      { [key]: SECRET, headers: { [key]: SECRET }, req: { headers: { [key]: SECRET } } },
      'x',
    );
    expect(text()).not.toContain(SECRET);
    expect(lines()[0]).toEqual(
      expect.objectContaining({
        [key]: REDACTED,
        headers: { [key]: REDACTED },
        req: { headers: { [key]: REDACTED } },
      }),
    );
  });

  it('redacts deep down, inside arrays, whatever the case, and in child bindings', () => {
    const { logger, text } = capture();
    logger.error({ a: { b: { c: { d: { e: { f: { password: SECRET } } } } } } }, 'deep');
    logger.error(
      { list: [{ token: SECRET }], headers: { Authorization: SECRET, 'X-API-Key': SECRET } },
      'x',
    );
    logger
      .child({ session: { accessToken: SECRET } })
      .info({ headers: { authorization: `Bearer ${SECRET}` } }, 'child');
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain(REDACTED);
  });

  it('keeps other fields and does not touch the caller objects', () => {
    const { logger, lines } = capture();
    const fields = {
      headers: { authorization: SECRET, accept: 'application/json' },
      keyId: 'key_1',
    };
    logger.info(fields, 'kept');
    expect(lines()[0]).toMatchObject({ headers: { accept: 'application/json' }, keyId: 'key_1' });
    expect(fields.headers.authorization).toBe(SECRET);
  });

  it('filters by level from options', () => {
    const { logger, lines } = capture('warn');
    logger.debug({}, 'd');
    logger.info({}, 'i');
    logger.warn({}, 'w');
    logger.error({}, 'e');
    expect(lines().map((l) => l['msg'])).toEqual(['w', 'e']);
  });

  it('takes the level from LOG_LEVEL, default info', () => {
    process.env['LOG_LEVEL'] = 'debug';
    const debug = capture();
    debug.logger.debug({}, 'shown');
    expect(debug.lines()).toHaveLength(1);
    delete process.env['LOG_LEVEL'];
    const info = capture();
    info.logger.debug({}, 'hidden');
    info.logger.info({}, 'shown');
    expect(info.lines().map((l) => l['msg'])).toEqual(['shown']);
  });

  it('rejects an unknown level', () => {
    expect(() => capture('loud')).toThrow(/unknown log level "loud"/);
  });

  it('serializes errors and carries child bindings', () => {
    const { logger, lines } = capture();
    logger.child({ sessionId: 's1' }).error({ err: new Error('boom') }, 'failed');
    expect(lines()[0]).toMatchObject({
      sessionId: 's1',
      component: 'test',
      err: { message: 'boom', type: 'Error', stack: expect.stringContaining('boom') },
    });
  });

  it("lets a child replace its parent's component instead of writing the key twice", () => {
    const { logger, text, lines } = capture();
    logger.child({ component: 'edge', role: 'r' }).child({ sessionId: 's2' }).info({}, 'hello');
    expect(text().match(/"component"/g)).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ component: 'edge', role: 'r', sessionId: 's2' });
  });
});
