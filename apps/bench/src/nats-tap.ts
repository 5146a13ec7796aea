import { connect, type Socket } from 'node:net';

/** One message seen on the bus: its subject and reply subject, if any. */
export interface TappedMessage {
  readonly subject: string;
  readonly reply: string | undefined;
}

/** A wildcard subscription on a NATS server that reports every message it carries. */
export interface NatsTap {
  close(): void;
}

const CRLF = Buffer.from('\r\n');

/**
 * Subscribes to `>` on a loopback NATS server, speaking the text protocol directly over TCP
 * (no client library: only `packages/bus` may import one, and this needs four verbs). Resolves
 * once the server has confirmed the subscription. Payloads are skipped, never parsed.
 */
export function openNatsTap(
  natsUrl: string,
  onMessage: (m: TappedMessage) => void,
): Promise<NatsTap> {
  const url = new URL(natsUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    throw new Error('the tap connects to loopback only');
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(url.port || 4222), url.hostname.replace(/^\[|\]$/g, ''));
    let buf: Buffer = Buffer.alloc(0);
    let ready = false;
    const fail = (err: Error): void => {
      socket.destroy();
      if (!ready) reject(err);
    };
    socket.on('error', fail);
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      let at = 0;
      for (;;) {
        const eol = buf.indexOf(CRLF, at);
        if (eol < 0) break;
        const line = buf.toString('latin1', at, eol);
        const [verb = '', ...args] = line.split(' ');
        if (verb === 'MSG' || verb === 'HMSG') {
          // MSG subject sid [reply] size | HMSG subject sid [reply] hdr-size total-size
          const size = Number(args[args.length - 1]);
          const fixed = verb === 'MSG' ? 3 : 4;
          if (eol + 2 + size + 2 > buf.length) break; // wait for the whole payload
          onMessage({ subject: args[0] ?? '', reply: args.length > fixed ? args[2] : undefined });
          at = eol + 2 + size + 2;
          continue;
        }
        at = eol + 2;
        if (verb === 'INFO' && !ready) {
          const connectOpts = {
            verbose: false,
            pedantic: false,
            headers: true,
            echo: false,
            name: 'bench-tap',
            lang: 'raw',
            version: '0',
            protocol: 1,
          };
          socket.write(`CONNECT ${JSON.stringify(connectOpts)}\r\nSUB > 1\r\nPING\r\n`);
        } else if (verb === 'PING') {
          socket.write('PONG\r\n');
        } else if (verb === 'PONG' && !ready) {
          ready = true;
          resolve({ close: () => socket.end() });
        } else if (verb === '-ERR') {
          fail(new Error(`nats tap: ${line}`));
        }
      }
      buf = buf.subarray(at);
    });
  });
}
