import { describe, expect, it } from 'vitest';
import { callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { getCompanyProfileTool } from './get-company-profile.js';

describe('get_company_profile', () => {
  const tool = getCompanyProfileTool(pinnedProvider());

  it('returns the profile with a market cap of price times shares', async () => {
    const r = await callTool(tool, { symbol: 'jpm' });
    const p = r.structuredContent as Record<string, string | number>;
    expect(p).toMatchObject({
      symbol: 'JPM',
      name: 'JPMorgan Chase & Co.',
      sector: 'Financials',
      industry: 'Diversified Banks',
      exchange: 'NYSE',
    });
    const cents = BigInt(String(p['price']).replace('.', ''));
    expect(BigInt(String(p['marketCap']))).toBe((cents * BigInt(p['sharesOutstanding']!)) / 100n);
    expect(textOf(r)).toMatch(/market cap \d+\.\dB USD/);
  });

  it('returns a tool error for an unknown symbol', async () => {
    const r = await callTool(tool, { symbol: 'NOPE' });
    expect(r.isError).toBe(true);
  });
});
