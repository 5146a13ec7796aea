import { describe, expect, it } from 'vitest';
import { createCancelRegistry } from './cancel-registry.js';

describe('cancel registry', () => {
  it('aborts the call it tracks, by session and JSON-RPC id, and forgets it when done', () => {
    const r = createCancelRegistry();
    const a = r.track('s1', '1');
    const b = r.track('s1', '"1"');
    expect(r.size).toBe(2);
    expect(r.cancel('s2', '1')).toBe(false);
    expect(r.cancel('s1', '1', 'stop')).toBe(true);
    expect(a.signal.aborted).toBe(true);
    expect((a.signal.reason as Error).message).toBe('stop');
    expect(b.signal.aborted).toBe(false);
    a.done();
    b.done();
    expect(r.size).toBe(0);
    expect(r.cancel('s1', '"1"')).toBe(false);
  });

  it('does not track calls without a session or id', () => {
    const r = createCancelRegistry();
    r.track(undefined, '1');
    r.track('s', undefined);
    expect(r.size).toBe(0);
  });
});
