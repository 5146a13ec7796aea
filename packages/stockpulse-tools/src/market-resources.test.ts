import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { completeSymbol, marketStatusResource, quoteResource } from './market-resources.js';
import { createStockpulsePrompts } from './stockpulse-prompts.js';

const provider = createSimulatedProvider({ seed: 42, now: () => new Date('2026-03-10T16:45:00Z') });
const ctx = {} as never;

describe('market resources', () => {
  it('reads a quote as JSON through the template, and nothing for an unknown symbol', async () => {
    const r = quoteResource(provider);
    const contents = await r.read('stockpulse://quotes/aapl', { symbol: 'aapl' }, ctx);
    expect(contents).toHaveLength(1);
    const quote = JSON.parse((contents![0] as { text: string }).text) as Record<string, unknown>;
    expect(quote).toEqual(JSON.parse(JSON.stringify(await provider.getQuote('AAPL'))));
    expect(await r.read('stockpulse://quotes/NOPE', { symbol: 'NOPE' }, ctx)).toBeNull();
  });

  it('completes symbols by prefix', async () => {
    expect(completeSymbol(provider, 'ms')).toContain('MSFT');
    expect(completeSymbol(provider, 'ms').every((s) => s.startsWith('MS'))).toBe(true);
    expect(await quoteResource(provider).complete!('symbol', 'zz', ctx)).toEqual([]);
  });

  it('reads the market status', async () => {
    const [c] = await marketStatusResource(provider).read(ctx);
    expect(JSON.parse((c as { text: string }).text)).toMatchObject({ phase: 'open', isOpen: true });
  });
});

describe('StockPulse prompts', () => {
  const prompts = new Map(createStockpulsePrompts(provider).map((p) => [p.definition.name, p]));

  it('offers the daily brief, position analysis and pre-trade checklist', () => {
    expect([...prompts.keys()]).toEqual(['daily_brief', 'analyse_position', 'pre_trade_checklist']);
  });

  it('renders the arguments into the message', async () => {
    const r = await prompts
      .get('pre_trade_checklist')!
      .get({ symbol: 'nvda', side: 'BUY', quantity: '10' }, ctx);
    const text = (r.messages[0]?.content as { text: string }).text;
    expect(text).toContain('buy 10 shares of NVDA');
    expect(text).toContain('preview_order');
    const brief = await prompts.get('daily_brief')!.get({ symbols: 'aapl, msft' }, ctx);
    expect((brief.messages[0]?.content as { text: string }).text).toContain('AAPL, MSFT');
  });

  it('completes symbols and sides', async () => {
    const checklist = prompts.get('pre_trade_checklist')!;
    expect(await checklist.complete!('side', 's', ctx)).toEqual(['sell']);
    expect(await checklist.complete!('symbol', 'NV', ctx)).toContain('NVDA');
    expect(await prompts.get('daily_brief')!.complete!('symbols', 'AAPL,MS', ctx)).toContain(
      'MSFT',
    );
  });
});
