import { formatDay, type IsoDate } from './civil-date.js';
import { toNewYorkWall, newYorkWallToUtc } from './new-york-time.js';
import {
  earlyCloseName,
  holidayName,
  nextTradingDay,
  tradingSession,
  type TradingSession,
} from './nyse-calendar.js';

/** Phases of the US equity market day, New York time. */
export const MarketPhase = {
  /** Pre-market, 04:00 to the 09:30 open. */
  Pre: 'pre',
  /** Regular session, 09:30 to 16:00 (13:00 on early-close days). */
  Open: 'open',
  /** After hours, from the close to 20:00 (17:00 on early-close days). */
  Post: 'post',
  Closed: 'closed',
} as const;

/** One of {@link MarketPhase}. */
export type MarketPhase = (typeof MarketPhase)[keyof typeof MarketPhase];

/** Where the market stands at an instant, and when it next opens and closes. */
export interface MarketStatus {
  readonly phase: MarketPhase;
  readonly isOpen: boolean;
  readonly asOf: string;
  readonly timeZone: 'America/New_York';
  /** New York calendar date and wall time of `asOf` (`HH:MM`). */
  readonly localDate: IsoDate;
  readonly localTime: string;
  readonly isTradingDay: boolean;
  /** Today's holiday or early-close reason, when there is one. */
  readonly note?: string;
  /** Today's regular session, null on a weekend or holiday. */
  readonly session: {
    readonly open: string;
    readonly close: string;
    readonly earlyClose: boolean;
  } | null;
  readonly nextOpen: string;
  readonly nextClose: string;
}

const PRE_MARKET_MINUTES = 240;
const AFTER_HOURS_MINUTES = 240;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The market status at an instant, by the NYSE calendar. */
export function getMarketStatus(instant: Date): MarketStatus {
  const { day, minutes } = toNewYorkWall(instant);
  const today = tradingSession(day);
  const t = instant.getTime();
  let phase: MarketPhase = MarketPhase.Closed;
  if (today) {
    const preStart = newYorkWallToUtc(day, PRE_MARKET_MINUTES).getTime();
    const postEnd = today.close.getTime() + AFTER_HOURS_MINUTES * 60_000;
    if (t >= today.open.getTime() && t < today.close.getTime()) phase = MarketPhase.Open;
    else if (t >= preStart && t < today.open.getTime()) phase = MarketPhase.Pre;
    else if (t >= today.close.getTime() && t < postEnd) phase = MarketPhase.Post;
  }
  const upcoming: TradingSession =
    today && t < today.open.getTime()
      ? today
      : (tradingSession(nextTradingDay(day)) as TradingSession);
  const closing = phase === MarketPhase.Open && today ? today : upcoming;
  const note = holidayName(day) ?? earlyCloseName(day);
  return {
    phase,
    isOpen: phase === MarketPhase.Open,
    asOf: instant.toISOString(),
    timeZone: 'America/New_York',
    localDate: formatDay(day),
    localTime: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
    isTradingDay: today !== null,
    ...(note ? { note } : {}),
    session: today
      ? {
          open: today.open.toISOString(),
          close: today.close.toISOString(),
          earlyClose: today.earlyClose,
        }
      : null,
    nextOpen: upcoming.open.toISOString(),
    nextClose: closing.close.toISOString(),
  };
}
