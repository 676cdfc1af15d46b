import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, endOfDayInstant, isoDateInZone } from './clock';

/** "Today" and as-of cut-offs, in the ministry's time zone (TIMEZONE, Europe/Paris by default). */
@Injectable()
export class Calendar {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return isoDateInZone(this.clock.now(), this.config.timezone);
  }

  /** The calendar date of an instant in the ministry's time zone. */
  dateOf(instant: Date): string {
    return isoDateInZone(instant, this.config.timezone);
  }

  /** A status as of a date counts what was recorded up to the end of that day, and nothing after. */
  cutoff(asOf: string): string {
    return endOfDayInstant(asOf, this.config.timezone);
  }
}
