/**
 * When things happen in the seeded community: over the months before a fixed "now" anchor (never
 * the clock), more and more as the community grows, mostly on weekdays, in the daytime and
 * evening of Eastern time (practitioners write after class, after a shift).
 */
import type { Rng } from './random';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
/** Eastern time (UTC−5; the summer hour's shift does not matter for fake data). */
const EASTERN_OFFSET_HOURS = 5;
/** Relative activity per hour of the local day: quiet nights, peaks before class and in the evening. */
const HOURS = [0.1, 0.05, 0.02, 0.02, 0.05, 0.2, 0.6, 1.2, 1.6, 1.4, 1.2, 1.1, 1.3, 1.2, 1.0, 1.0, 1.1, 1.0, 1.2, 1.6, 1.8, 1.5, 0.9, 0.4];
/** Sunday … Saturday. */
const WEEKDAYS = [0.45, 1, 1, 1, 1, 0.85, 0.35];

export class Timeline {
  readonly start: Date;
  private readonly days: number;
  private readonly cumulative: number[];

  constructor(readonly now: Date, months: number) {
    this.days = Math.max(7, Math.round(months * 30.4));
    const firstDay = Math.floor(now.getTime() / DAY) - this.days;
    this.start = new Date(firstDay * DAY);
    this.cumulative = [];
    let total = 0;
    for (let d = 0; d < this.days; d++) {
      // Growth: the last weeks are about twice as busy as the first ones.
      const ramp = 0.5 + 0.5 * (d / this.days);
      total += ramp * WEEKDAYS[new Date((firstDay + d) * DAY).getUTCDay()];
      this.cumulative.push(total);
    }
  }

  /** The day index (0 = start) of a date, clamped to the period. */
  private dayOf(t: Date): number {
    return Math.min(this.days - 1, Math.max(0, Math.floor((t.getTime() - this.start.getTime()) / DAY)));
  }

  /** A moment between `from` and `to` (default: the whole period), with the community's rhythm; never after now. */
  moment(rng: Rng, from: Date = this.start, to: Date = this.now): Date {
    const a = this.dayOf(from);
    const b = this.dayOf(to);
    const low = a === 0 ? 0 : this.cumulative[a - 1];
    const r = low + rng.float() * (this.cumulative[b] - low);
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    const localHour = rng.weighted(HOURS);
    const t = this.start.getTime() + lo * DAY + (localHour + EASTERN_OFFSET_HOURS) * HOUR + Math.floor(rng.float() * HOUR);
    return new Date(Math.min(Math.max(t, from.getTime()), to.getTime()));
  }

  /** A moment some time after `t` (exponential wait, mean in hours), never after now. */
  after(rng: Rng, t: Date, meanHours: number): Date {
    const gap = Math.max(60_000, rng.exponential(meanHours) * HOUR);
    return new Date(Math.min(t.getTime() + gap, this.now.getTime() - 60_000));
  }

  /** The point at a fraction of the period (0 = start, 1 = now). */
  at(fraction: number): Date {
    return new Date(this.start.getTime() + fraction * (this.now.getTime() - this.start.getTime()));
  }
}
