import { describe, expect, it } from 'vitest';
import { createBusCounter, subjectClass } from './bus-traffic.js';

describe('subjectClass', () => {
  it('keeps rpc subjects and cuts ids and keys off the others', () => {
    expect(subjectClass('mcpgw.rpc.tool.call.stockpulse')).toBe('mcpgw.rpc.tool.call.stockpulse');
    expect(subjectClass('$KV.sessions.abc')).toBe('$KV.sessions');
    expect(subjectClass('$JS.API.DIRECT.GET.KV_routes.$KV.routes.table')).toBe(
      '$JS.API.DIRECT.GET.KV_routes',
    );
    expect(subjectClass('$JS.API.CONSUMER.MSG.NEXT.AUDIT.projector')).toBe('$JS.API.CONSUMER.MSG');
    expect(subjectClass('mcpgw.audit.call')).toBe('mcpgw.audit.call');
    expect(subjectClass('mcpgw.session.s1.out')).toBe('mcpgw.session.*');
  });
});

describe('createBusCounter', () => {
  it('counts one round trip for a direct request and its reply', () => {
    const c = createBusCounter();
    for (let i = 0; i < 2; i++) {
      c.onMessage({ subject: 'mcpgw.rpc.tool.call.stockpulse', reply: `_INBOX.x.${i}` });
      c.onMessage({ subject: `_INBOX.x.${i}`, reply: undefined });
    }
    const r = c.result(2);
    expect(r.hotPathRoundTripsPerCall).toBe(1);
    expect(r.hotPathMessagesPerCall).toBe(2);
    expect(r.breakdown).toEqual({
      'request mcpgw.rpc.tool.call.stockpulse': 1,
      'reply to mcpgw.rpc.tool.call.stockpulse': 1,
    });
  });

  it('counts a forward with the same inbox as a hop, not a round trip', () => {
    const c = createBusCounter();
    c.onMessage({ subject: 'mcpgw.rpc.tools.call', reply: '_INBOX.e.1' });
    c.onMessage({ subject: 'mcpgw.rpc.tool.call.stockpulse', reply: '_INBOX.e.1' });
    c.onMessage({ subject: '_INBOX.e.1', reply: undefined });
    const r = c.result(1);
    expect(r.hotPathRoundTripsPerCall).toBe(1);
    expect(r.hotPathMessagesPerCall).toBe(3);
  });

  it('keeps audit publishes and their acks off the reply path', () => {
    const c = createBusCounter();
    c.onMessage({ subject: 'mcpgw.audit.call', reply: '_INBOX.a.1' });
    c.onMessage({ subject: '_INBOX.a.1', reply: undefined });
    c.onMessage({ subject: 'mcpgw.evt.tool.called', reply: undefined });
    const r = c.result(1);
    expect(r.hotPathRoundTripsPerCall).toBe(0);
    expect(r.allMessagesPerCall).toBe(3);
    expect(r.breakdown['publish mcpgw.evt.tool']).toBe(1);
  });
});
