export type { MarketDataProvider, Quote } from './types.js';
export { UNIVERSE, type SymbolInfo } from './universe.js';
export { createSimulatedProvider, type SimulatedProviderOptions } from './simulated-provider.js';
