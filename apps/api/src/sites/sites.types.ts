import type { Closure, Space } from '@lieux/contracts';

/** A space with what the booking rules need, read in one query. */
export interface BookableSpace extends Space {
  /** Position in a search's order, for its cursor. */
  sortKey?: string;
}

/** What shapes a site's days besides its weekly hours. */
export interface SiteCalendar {
  closures: Closure[];
  holidayOpenings: string[];
}
