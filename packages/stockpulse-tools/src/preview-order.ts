import type { ToolImplementation } from '@stockpulse/tool-service';
import { Decimal, placeOrder, buyingPower } from '@stockpulse/ledger';
import { toolError, toolOk } from './tool-kit.js';
import { resolveTradingOptions, type TradingDeps } from './trading-deps.js';
import { DECIMAL_SCHEMA, ORDER_TERMS_PROPERTIES, cents } from './trading-schemas.js';
import { marketView, mintId } from './trading-market.js';
import { openAccountState } from './trading-tool.js';
import { describeOrder, ORDER_ARG_PROPERTIES, orderArgs } from './order-args.js';

/**
 * `preview_order`: checks an order against the account and the market without placing it, and
 * returns a preview id that binds the terms and the price seen; `place_order` needs it.
 */
export function previewOrderTool(deps: TradingDeps): ToolImplementation {
  const options = resolveTradingOptions(deps.options);
  return {
    definition: {
      name: 'preview_order',
      title: 'Preview a paper order',
      description: `Checks a paper order (market, limit or stop; day or good-till-cancelled) against the account's cash, positions and limits and the current price, without placing it. Returns a previewId valid for ${Math.round(options.previewTtlMs / 1000)} s that place_order requires; placing is refused if the terms differ or the price moved more than ${options.maxDriftPercent}% since the preview. Orders are accepted during the regular NYSE session.`,
      inputSchema: {
        type: 'object',
        properties: ORDER_ARG_PROPERTIES,
        required: ['symbol', 'side', 'quantity'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          previewId: { type: 'string' },
          symbol: { type: 'string' },
          ...ORDER_TERMS_PROPERTIES,
          price: DECIMAL_SCHEMA,
          estimatedNotional: DECIMAL_SCHEMA,
          marketable: { type: 'boolean' },
          cashAfter: DECIMAL_SCHEMA,
          buyingPowerAfter: DECIMAL_SCHEMA,
          maxDriftPercent: DECIMAL_SCHEMA,
          expiresAt: { type: 'string' },
        },
        required: ['previewId', 'symbol', 'side', 'quantity', 'price', 'expiresAt'],
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    handler: async (args, ctx) => {
      const terms = orderArgs(args);
      const quote = await deps.provider.getQuote(terms.symbol);
      if (!quote) return toolError(`Unknown symbol: ${terms.symbol}`);
      const { accountId, state } = await openAccountState(deps, ctx);
      const view = await marketView(deps, [terms.symbol]);
      if (!view.open)
        return toolError(
          `The market is closed (${view.ctx.now}); orders are accepted during the regular NYSE session, next close ${view.ctx.sessionClose}.`,
        );
      // A dry run of the real decision: what placing now would do, nothing stored.
      const dry = placeOrder(
        state,
        {
          accountId,
          clientOrderId: 'preview',
          symbol: terms.symbol,
          side: terms.side,
          type: terms.type,
          timeInForce: terms.timeInForce,
          quantity: terms.quantity,
          limitPrice: terms.limitPrice ?? undefined,
          stopPrice: terms.stopPrice ?? undefined,
        },
        view.ctx,
      );
      if (dry.order.status === 'rejected')
        return toolError(`The order would be rejected: ${dry.order.reason ?? 'unknown reason'}`);
      const price = quote.price;
      const reference = terms.limitPrice ?? terms.stopPrice ?? price;
      const notional = new Decimal(terms.quantity).times(reference);
      const now = new Date(view.ctx.now);
      const preview = {
        id: mintId(deps, 'pv'),
        accountId,
        ...terms,
        price,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + options.previewTtlMs).toISOString(),
      };
      // Expired previews bind nothing; clearing them here keeps the table at the live ones.
      await deps.previews.purgeExpired(now);
      await deps.previews.save(preview);
      const data = {
        previewId: preview.id,
        ...terms,
        price,
        estimatedNotional: cents(notional),
        marketable: dry.order.status === 'filled',
        cashAfter: cents(dry.state.account.cash),
        buyingPowerAfter: cents(buyingPower(dry.state)),
        maxDriftPercent: options.maxDriftPercent,
        expiresAt: preview.expiresAt,
      };
      const fills = data.marketable ? `fills now at about ${price}` : 'rests until marketable';
      const text = `Preview ${preview.id}: ${describeOrder(terms)} ${fills}, about ${data.estimatedNotional} USD; buying power after ${data.buyingPowerAfter}. Valid until ${preview.expiresAt}.`;
      return toolOk(text, data);
    },
  };
}
