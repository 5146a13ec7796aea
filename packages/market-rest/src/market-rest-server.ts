import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getMarketStatus, type MarketDataProvider } from '@stockpulse/market-data';
import { stockpulseRestDocument } from './openapi-document.js';
import {
  createSimulatedNews,
  SIMULATED_NEWS_DISCLAIMER,
  type NewsSource,
} from './simulated-news.js';

/** Options of {@link startMarketRestServer}. */
export interface MarketRestServerOptions {
  readonly provider: MarketDataProvider;
  /** Address to listen on; default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Port; default 0 (a free one). */
  readonly port?: number;
  /** Where `/v1/news` comes from; default the simulated headlines of `provider`. */
  readonly news?: NewsSource;
}

/** A running REST server. */
export interface MarketRestServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` (the routes start with `/v1`). */
  readonly url: string;
  /** Stops listening and closes idle connections. */
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Reply = { status: number; body: Json };

const SYMBOL = /^[A-Za-z][A-Za-z.]{0,9}$/;

function error(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}

/** An integer query parameter within bounds, its default when absent, or an error reply. */
function intParam(
  q: URLSearchParams,
  name: string,
  min: number,
  max: number,
  dflt: number,
): number | Reply {
  const raw = q.get(name);
  if (raw === null) return dflt;
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= min && n <= max
    ? n
    : error(400, 'bad_request', `${name} must be an integer from ${min} to ${max}`);
}

function searchSymbols(provider: MarketDataProvider, query: string | null, limit: number): Json {
  const q = query?.trim().toLowerCase() ?? '';
  const all = provider.listSymbols();
  const matches =
    q === ''
      ? all
      : [
          ...all.filter((s) => s.symbol.toLowerCase() === q),
          ...all.filter(
            (s) => s.symbol.toLowerCase() !== q && s.symbol.toLowerCase().startsWith(q),
          ),
          ...all.filter(
            (s) =>
              !s.symbol.toLowerCase().startsWith(q) &&
              [s.name, s.sector, s.industry].some((t) => t.toLowerCase().includes(q)),
          ),
        ];
  return {
    query,
    results: matches.slice(0, limit).map(({ symbol, name, sector, industry, exchange }) => ({
      symbol,
      name,
      sector,
      industry,
      exchange,
    })),
  };
}

async function route(
  provider: MarketDataProvider,
  news: NewsSource,
  method: string,
  url: URL,
): Promise<Reply> {
  if (method !== 'GET' && method !== 'HEAD')
    return error(405, 'method_not_allowed', 'read-only API: use GET');
  const path = url.pathname;
  const q = url.searchParams;
  if (path === '/openapi.json') return { status: 200, body: stockpulseRestDocument() };
  if (path === '/v1/market/status')
    return { status: 200, body: { ...getMarketStatus(provider.now()) } };
  if (path === '/v1/symbols') {
    const limit = intParam(q, 'limit', 1, 100, 10);
    if (typeof limit !== 'number') return limit;
    return { status: 200, body: searchSymbols(provider, q.get('query'), limit) };
  }
  const quote = /^\/v1\/quotes\/([^/]+)$/.exec(path);
  if (quote) {
    const symbol = decodeURIComponent(quote[1]!);
    const found = SYMBOL.test(symbol) ? await provider.getQuote(symbol) : null;
    return found
      ? { status: 200, body: { ...found } }
      : error(404, 'not_found', `unknown symbol: ${symbol.slice(0, 16)}`);
  }
  if (path === '/v1/news') {
    const symbol = q.get('symbol');
    if (symbol === null || !SYMBOL.test(symbol))
      return error(400, 'bad_request', 'symbol is required, e.g. AAPL');
    const limit = intParam(q, 'limit', 1, 20, 5);
    if (typeof limit !== 'number') return limit;
    const items = await news(symbol, limit);
    if (items === null) return error(404, 'not_found', `unknown symbol: ${symbol}`);
    return {
      status: 200,
      body: { symbol: symbol.toUpperCase(), items, disclaimer: SIMULATED_NEWS_DISCLAIMER },
    };
  }
  return error(404, 'not_found', `no route for ${path.slice(0, 64)}`);
}

/**
 * Starts the StockPulse REST API on node:http (loopback by default): `GET /v1/quotes/{symbol}`,
 * `/v1/symbols`, `/v1/market/status`, `/v1/news` and `/openapi.json`, as described by
 * {@link stockpulseRestDocument}. Errors are `{ error: { code, message } }` with 400, 404 or 405.
 */
export async function startMarketRestServer(
  opts: MarketRestServerOptions,
): Promise<MarketRestServer> {
  const news = opts.news ?? createSimulatedNews(opts.provider);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let reply: Reply;
    try {
      reply = await route(
        opts.provider,
        news,
        req.method ?? 'GET',
        new URL(req.url ?? '/', 'http://localhost'),
      );
    } catch {
      reply = error(500, 'internal', 'internal error');
    }
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
