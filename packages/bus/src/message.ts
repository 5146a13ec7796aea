import { headers as natsHeaders, type Msg, type MsgHdrs } from '@nats-io/transport-node';
import type { JsMsg } from '@nats-io/jetstream';
import type { BusMessage, HeaderMap, StreamMessage } from './types.js';
import { injectTraceContext } from './trace-context.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Encodes a payload given as text. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** Builds NATS headers from a plain map, adding the active trace context. */
export function buildHeaders(map: HeaderMap | undefined): MsgHdrs {
  const h = natsHeaders();
  if (map) for (const k in map) h.set(k, map[k] as string);
  injectTraceContext(h);
  return h;
}

/** Copies NATS headers into a plain record. */
export function headerRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h) for (const k of h.keys()) out[k] = h.get(k);
  return out;
}

/** Wraps a NATS message as a {@link BusMessage}. */
export function wrapMsg(msg: Msg): BusMessage {
  return {
    subject: msg.subject,
    data: msg.data,
    reply: msg.reply,
    header: (name) => msg.headers?.get(name) || undefined,
    headers: () => headerRecord(msg.headers),
    json: <T>() => JSON.parse(decoder.decode(msg.data)) as T,
    string: () => decoder.decode(msg.data),
    respond: (data, opts) =>
      msg.respond(
        toBytes(data),
        opts?.headers ? { headers: buildHeaders(opts.headers) } : undefined,
      ),
  };
}

/** Wraps a JetStream message as a {@link StreamMessage}. */
export function wrapJsMsg(m: JsMsg): StreamMessage {
  return {
    subject: m.subject,
    data: m.data,
    reply: undefined,
    seq: m.seq,
    redelivered: m.redelivered,
    header: (name) => m.headers?.get(name) || undefined,
    headers: () => headerRecord(m.headers),
    json: <T>() => JSON.parse(decoder.decode(m.data)) as T,
    string: () => decoder.decode(m.data),
    respond: () => false,
    ack: () => m.ack(),
    nak: (delayMs) => m.nak(delayMs),
    term: () => m.term(),
  };
}
