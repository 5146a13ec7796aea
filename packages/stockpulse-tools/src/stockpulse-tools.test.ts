import { describe, expect, it } from 'vitest';
import { pinnedProvider } from '../tests/call-tool.js';
import { createStockpulseTools } from './stockpulse-tools.js';

describe('createStockpulseTools', () => {
  const tools = createStockpulseTools({ provider: pinnedProvider() });

  it('ships the read-only market-data tools, each fully described', () => {
    expect(tools.map((t) => t.definition.name)).toEqual([
      'search_symbols',
      'get_quote',
      'get_price_history',
      'get_company_profile',
      'get_market_movers',
      'screen_stocks',
      'get_market_status',
      'get_market_calendar',
      'get_indicators',
    ]);
    for (const { definition } of tools) {
      expect(definition.title).toBeTruthy();
      expect(definition.description).toBeTruthy();
      expect(definition.outputSchema).toMatchObject({ type: 'object' });
      expect(definition.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(definition.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    }
  });
});
