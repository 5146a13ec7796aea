import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { compileSchema } from '@stockpulse/schemas';
import { startMarketRestServer, type MarketRestServer } from './market-rest-server.js';
import { stockpulseRestDocument } from './openapi-document.js';

/** A Tuesday at 12:45 New York time (EDT): the market is open. */
const OPEN_INSTANT = new Date('2026-03-10T16:45:00Z');

const doc = stockpulseRestDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: Record<string, Record<string, unknown>>;
};

/** Checks a body against the JSON schema the document gives a route's response. */
function conforms(path: string, status: number, body: unknown): void {
  let response = doc.paths[path]!['get']!.responses[String(status)] as Record<string, unknown>;
  if (typeof response['$ref'] === 'string')
    response = doc.components['responses']![response['$ref'].split('/').pop()!] as never;
  const schema = (response['content'] as Record<string, { schema: object }>)['application/json']!
    .schema;
  // The components ride along so the document's local $refs resolve inside the one schema.
  const check = compileSchema({ ...schema, components: doc.components });
  expect(check(body)).toEqual({ ok: true });
}

/** The fields the tests read from the API's JSON bodies. */
interface Body {
  readonly results: { symbol: string }[];
  readonly items: { publishedAt: string; headline: string }[];
  readonly disclaimer: string;
  readonly [key: string]: unknown;
}

let server: MarketRestServer;
const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Body,
  };
};

beforeAll(async () => {
  server = await startMarketRestServer({
    provider: createSimulatedProvider({ seed: 42, now: () => OPEN_INSTANT }),
  });
});
afterAll(async () => {
  await server?.close();
});

describe('StockPulse REST API', () => {
  it('listens on loopback only by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves a quote as the document describes, and 404 for an unknown symbol', async () => {
    const ok = await get('/v1/quotes/aapl');
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^application\/json/);
    expect(ok.body).toMatchObject({ symbol: 'AAPL', currency: 'USD', source: 'simulated' });
    conforms('/v1/quotes/{symbol}', 200, ok.body);
    expect(() => conforms('/v1/quotes/{symbol}', 200, { ...ok.body, price: 228.5 })).toThrow();
    const missing = await get('/v1/quotes/ZZZZ');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'unknown symbol: ZZZZ' } });
    conforms('/v1/quotes/{symbol}', 404, missing.body);
  });

  it('searches symbols, exact ticker first, with a bounded limit', async () => {
    const r = await get('/v1/symbols?query=ma&limit=3');
    expect(r.status).toBe(200);
    expect(r.body.results).toHaveLength(3);
    expect(r.body.results[0]!.symbol).toBe('MA');
    conforms('/v1/symbols', 200, r.body);
    expect((await get('/v1/symbols?limit=0')).status).toBe(400);
    expect((await get('/v1/symbols')).body.results).toHaveLength(10);
  });

  it('serves the market status at the provider clock', async () => {
    const r = await get('/v1/market/status');
    expect(r.body).toMatchObject({ phase: 'open', isOpen: true, localDate: '2026-03-10' });
    conforms('/v1/market/status', 200, r.body);
  });

  it('serves deterministic simulated headlines, newest first, labelled as demo data', async () => {
    const r = await get('/v1/news?symbol=msft&limit=3');
    expect(r.status).toBe(200);
    conforms('/v1/news', 200, r.body);
    expect(r.body.items).toHaveLength(3);
    expect(r.body.disclaimer).toMatch(/simulated/i);
    const dates = r.body.items.map((i) => i.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    // The session running at the clock has not closed: no headline for it yet.
    expect(dates[0]! < '2026-03-10').toBe(true);
    for (const item of r.body.items) {
      expect(item).toMatchObject({ symbol: 'MSFT', source: 'simulated' });
      expect(item.headline).toMatch(/Microsoft|MSFT/);
    }
    expect((await get('/v1/news?symbol=MSFT&limit=3')).body).toEqual(r.body);
    expect((await get('/v1/news')).status).toBe(400);
    expect((await get('/v1/news?symbol=ZZZZ')).status).toBe(404);
  });

  it('refuses writes and unknown routes, and serves its own OpenAPI document', async () => {
    expect((await fetch(`${server.url}/v1/quotes/AAPL`, { method: 'POST' })).status).toBe(405);
    expect((await get('/v2/nothing')).status).toBe(404);
    expect((await get('/openapi.json')).body).toEqual(stockpulseRestDocument());
  });
});
