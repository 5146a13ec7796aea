import type { TappedMessage } from './nats-tap.js';

/** Per-call bus traffic of a gateway, by subject class. */
export interface BusTraffic {
  readonly calls: number;
  /**
   * Request/reply round trips per call that a tools/call waits on: requests on `mcpgw.rpc.*`
   * and KV reads, counted once per reply inbox (a router forwarding with the edge's inbox
   * adds a hop, not a round trip).
   */
  readonly hotPathRoundTripsPerCall: number;
  /** Messages per call on the hot-path subjects, replies included. */
  readonly hotPathMessagesPerCall: number;
  /** Every message per call, background and audit included. */
  readonly allMessagesPerCall: number;
  /** Messages per call by subject class (requests, publishes and replies counted apart). */
  readonly breakdown: Readonly<Record<string, number>>;
}

/** The class of a subject: its stable prefix, with ids and keys cut off. */
export function subjectClass(subject: string): string {
  const t = subject.split('.');
  if (subject.startsWith('mcpgw.rpc.')) return subject;
  if (subject.startsWith('mcpgw.session.')) return 'mcpgw.session.*';
  if (subject.startsWith('$KV.')) return t.slice(0, 2).join('.');
  if (subject.startsWith('$JS.API.DIRECT.GET.')) return t.slice(0, 5).join('.');
  if (subject.startsWith('$JS.')) return t.slice(0, 4).join('.');
  if (subject.startsWith('_INBOX.')) return '_INBOX';
  return t.slice(0, 3).join('.');
}

function isHotPath(cls: string): boolean {
  return (
    cls.startsWith('mcpgw.rpc.') || cls.startsWith('$KV.') || cls.startsWith('$JS.API.DIRECT.GET.')
  );
}

/** Counts tapped messages; call {@link BusCounter.result} with the number of calls made. */
export interface BusCounter {
  readonly onMessage: (m: TappedMessage) => void;
  result(calls: number): BusTraffic;
}

/**
 * Matches requests to their replies by reply subject: a message whose subject is the reply
 * inbox of an earlier request is that request's reply, charged to the request's class.
 */
export function createBusCounter(): BusCounter {
  const pending = new Map<string, string>();
  const counts = new Map<string, number>();
  let roundTrips = 0;
  let hotMessages = 0;
  let all = 0;
  const bump = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  return {
    onMessage: ({ subject, reply }) => {
      all++;
      const answered = pending.get(subject);
      if (answered !== undefined) {
        pending.delete(subject);
        bump(`reply to ${answered}`);
        if (isHotPath(answered)) {
          roundTrips++;
          hotMessages++;
        }
        return;
      }
      const cls = subjectClass(subject);
      if (isHotPath(cls)) hotMessages++;
      if (reply === undefined) return bump(`publish ${cls}`);
      bump(`request ${cls}`);
      if (!pending.has(reply)) pending.set(reply, cls);
    },
    result: (calls) => {
      const per = (n: number): number => (calls > 0 ? n / calls : 0);
      const breakdown = Object.fromEntries(
        [...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, per(v)]),
      );
      return {
        calls,
        hotPathRoundTripsPerCall: per(roundTrips),
        hotPathMessagesPerCall: per(hotMessages),
        allMessagesPerCall: per(all),
        breakdown,
      };
    },
  };
}
