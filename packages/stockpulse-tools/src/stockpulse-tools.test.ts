import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedProvider } from '../tests/call-tool.js';
import { tradingFixture, type TradingFixture } from '../tests/trading-fixture.js';
import { createStockpulseTools, TRADING_TOOL_NAMES } from './stockpulse-tools.js';

const MARKET_TOOLS = [
  'search_symbols',
  'get_quote',
  'get_price_history',
  'get_company_profile',
  'get_market_movers',
  'screen_stocks',
  'get_market_status',
  'get_market_calendar',
  'get_indicators',
];

describe('createStockpulseTools', () => {
  it('ships the read-only market-data tools alone without trading deps, each fully described', () => {
    const tools = createStockpulseTools({ provider: pinnedProvider() });
    expect(tools.map((t) => t.definition.name)).toEqual(MARKET_TOOLS);
    for (const { definition } of tools) {
      expect(definition.title).toBeTruthy();
      expect(definition.description).toBeTruthy();
      expect(definition.outputSchema).toMatchObject({ type: 'object' });
      expect(definition.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(definition.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    }
  });

  describe('with trading deps', () => {
    let f: TradingFixture;
    beforeAll(async () => {
      f = await tradingFixture();
    });
    afterAll(async () => {
      await f.close();
    });

    it('adds watchlist, portfolio and order tools with schemas and honest annotations', () => {
      const { provider: _provider, ...trading } = f.deps;
      const tools = createStockpulseTools({ provider: f.provider, trading });
      const byName = new Map(tools.map((t) => [t.definition.name, t.definition]));
      expect([...byName.keys()].slice(MARKET_TOOLS.length)).toEqual([...TRADING_TOOL_NAMES]);
      for (const d of byName.values()) {
        expect(d.title).toBeTruthy();
        expect(d.outputSchema).toMatchObject({ type: 'object' });
        expect(d.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
        expect(d.annotations?.readOnlyHint).toBeTypeOf('boolean');
      }
      for (const name of ['place_order', 'cancel_order', 'delete_watchlist'])
        expect(byName.get(name)?.annotations).toMatchObject({
          readOnlyHint: false,
          destructiveHint: true,
        });
      expect(byName.get('preview_order')?.annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
      });
    });
  });
});
