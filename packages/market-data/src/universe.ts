/** A listed symbol of the offline universe. */
export interface SymbolInfo {
  readonly symbol: string;
  readonly name: string;
  readonly sector: string;
  readonly exchange: 'NASDAQ' | 'NYSE';
  /** Reference price (USD) the simulation is anchored to. */
  readonly referencePrice: string;
  /** Annualised volatility used by the simulation, e.g. 0.28 for 28%. */
  readonly volatility: number;
}

/**
 * US large caps of the offline universe. Names, sectors and exchanges are real; prices are
 * simulated around a reference level and are not market data.
 */
export const UNIVERSE: readonly SymbolInfo[] = [
  { symbol: 'AAPL', name: 'Apple Inc.', sector: 'Information Technology', exchange: 'NASDAQ', referencePrice: '228.00', volatility: 0.26 },
  { symbol: 'MSFT', name: 'Microsoft Corporation', sector: 'Information Technology', exchange: 'NASDAQ', referencePrice: '425.00', volatility: 0.24 },
  { symbol: 'NVDA', name: 'NVIDIA Corporation', sector: 'Information Technology', exchange: 'NASDAQ', referencePrice: '135.00', volatility: 0.5 },
  { symbol: 'GOOGL', name: 'Alphabet Inc. Class A', sector: 'Communication Services', exchange: 'NASDAQ', referencePrice: '170.00', volatility: 0.3 },
  { symbol: 'AMZN', name: 'Amazon.com, Inc.', sector: 'Consumer Discretionary', exchange: 'NASDAQ', referencePrice: '195.00', volatility: 0.32 },
  { symbol: 'META', name: 'Meta Platforms, Inc.', sector: 'Communication Services', exchange: 'NASDAQ', referencePrice: '560.00', volatility: 0.38 },
  { symbol: 'TSLA', name: 'Tesla, Inc.', sector: 'Consumer Discretionary', exchange: 'NASDAQ', referencePrice: '250.00', volatility: 0.6 },
  { symbol: 'BRK.B', name: 'Berkshire Hathaway Inc. Class B', sector: 'Financials', exchange: 'NYSE', referencePrice: '450.00', volatility: 0.16 },
  { symbol: 'JPM', name: 'JPMorgan Chase & Co.', sector: 'Financials', exchange: 'NYSE', referencePrice: '220.00', volatility: 0.22 },
  { symbol: 'V', name: 'Visa Inc.', sector: 'Financials', exchange: 'NYSE', referencePrice: '280.00', volatility: 0.2 },
  { symbol: 'MA', name: 'Mastercard Incorporated', sector: 'Financials', exchange: 'NYSE', referencePrice: '500.00', volatility: 0.21 },
  { symbol: 'UNH', name: 'UnitedHealth Group Incorporated', sector: 'Health Care', exchange: 'NYSE', referencePrice: '580.00', volatility: 0.25 },
  { symbol: 'JNJ', name: 'Johnson & Johnson', sector: 'Health Care', exchange: 'NYSE', referencePrice: '160.00', volatility: 0.15 },
  { symbol: 'LLY', name: 'Eli Lilly and Company', sector: 'Health Care', exchange: 'NYSE', referencePrice: '880.00', volatility: 0.33 },
  { symbol: 'XOM', name: 'Exxon Mobil Corporation', sector: 'Energy', exchange: 'NYSE', referencePrice: '115.00', volatility: 0.24 },
  { symbol: 'CVX', name: 'Chevron Corporation', sector: 'Energy', exchange: 'NYSE', referencePrice: '150.00', volatility: 0.24 },
  { symbol: 'PG', name: 'The Procter & Gamble Company', sector: 'Consumer Staples', exchange: 'NYSE', referencePrice: '168.00', volatility: 0.15 },
  { symbol: 'KO', name: 'The Coca-Cola Company', sector: 'Consumer Staples', exchange: 'NYSE', referencePrice: '68.00', volatility: 0.14 },
  { symbol: 'PEP', name: 'PepsiCo, Inc.', sector: 'Consumer Staples', exchange: 'NASDAQ', referencePrice: '168.00', volatility: 0.16 },
  { symbol: 'WMT', name: 'Walmart Inc.', sector: 'Consumer Staples', exchange: 'NYSE', referencePrice: '80.00', volatility: 0.18 },
  { symbol: 'HD', name: 'The Home Depot, Inc.', sector: 'Consumer Discretionary', exchange: 'NYSE', referencePrice: '390.00', volatility: 0.22 },
  { symbol: 'COST', name: 'Costco Wholesale Corporation', sector: 'Consumer Staples', exchange: 'NASDAQ', referencePrice: '880.00', volatility: 0.2 },
  { symbol: 'AVGO', name: 'Broadcom Inc.', sector: 'Information Technology', exchange: 'NASDAQ', referencePrice: '165.00', volatility: 0.45 },
  { symbol: 'ORCL', name: 'Oracle Corporation', sector: 'Information Technology', exchange: 'NYSE', referencePrice: '170.00', volatility: 0.3 },
  { symbol: 'ADBE', name: 'Adobe Inc.', sector: 'Information Technology', exchange: 'NASDAQ', referencePrice: '510.00', volatility: 0.3 },
  { symbol: 'CRM', name: 'Salesforce, Inc.', sector: 'Information Technology', exchange: 'NYSE', referencePrice: '290.00', volatility: 0.32 },
  { symbol: 'NFLX', name: 'Netflix, Inc.', sector: 'Communication Services', exchange: 'NASDAQ', referencePrice: '700.00', volatility: 0.36 },
  { symbol: 'DIS', name: 'The Walt Disney Company', sector: 'Communication Services', exchange: 'NYSE', referencePrice: '95.00', volatility: 0.26 },
  { symbol: 'BAC', name: 'Bank of America Corporation', sector: 'Financials', exchange: 'NYSE', referencePrice: '40.00', volatility: 0.26 },
  { symbol: 'INTC', name: 'Intel Corporation', sector: 'Information Technology', exchange: 'NASDAQ', referencePrice: '22.00', volatility: 0.45 },
];
