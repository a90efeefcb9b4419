import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { Identity1764288000000 } from './1764288000000-identity';
import { SiteCalendar1764374400000 } from './1764374400000-site-calendar';
import { SpaceOpeningHours1764460800000 } from './1764460800000-space-opening-hours';
import { CatalogueSearchAndPhotos1764547200000 } from './1764547200000-catalogue-search-and-photos';
import { BookingLifecycle1764633600000 } from './1764633600000-booking-lifecycle';
import { SeriesAndWaitlist1764720000000 } from './1764720000000-series-and-waitlist';
import { Occupancy1764806400000 } from './1764806400000-occupancy';
import { SpaceAudience1764892800000 } from './1764892800000-space-audience';
import { OccupancyDistinctRollups1764979200000 } from './1764979200000-occupancy-distinct-rollups';
import { OutboxUnsent1765065600000 } from './1765065600000-outbox-unsent';
import { SpacePublications1765152000000 } from './1765152000000-space-publications';
import { RetiredRefreshTokens1765500000002 } from './1765500000002-retired-refresh-tokens';
import { OutboxRequestId1765500000004 } from './1765500000004-outbox-request-id';
import { DiscoveryIndexes1765600012000 } from './1765600012000-discovery-indexes';
import { BookingChanges1765700100000 } from './1765700100000-booking-changes';
import { SpaceAccess1765700300000 } from './1765700300000-space-access';
import { Receipts1765700600000 } from './1765700600000-receipts';
import { Needs1765800000000 } from './1765800000000-needs';
import { NeedsDemand1765800200000 } from './1765800200000-needs-demand';
import { Projects1765800300000 } from './1765800300000-projects';
import { CalendarFeeds1765800400000 } from './1765800400000-calendar-feeds';
import { NeedDirty1765800100000 } from './1765800100000-need-dirty';
import { Webhooks1765800500000 } from './1765800500000-webhooks';
import { SessionChanges1765800900000 } from './1765800900000-session-changes';
import { OccupancyOrgBitmaps1765801100000 } from './1765801100000-occupancy-org-bitmaps';
import { OccupancyAreaOrgs1765801200000 } from './1765801200000-occupancy-area-orgs';
import { SitesDepartementZone1765801300000 } from './1765801300000-sites-departement-zone';
import { OccupancyMonthPrefixes1765801400000 } from './1765801400000-occupancy-month-prefixes';
import { AdminConsole1765700500000 } from './1765700500000-admin-console';
import { Quotas1765800800000 } from './1765800800000-quotas';
import { SearchOpenSpaces1765801000000 } from './1765801000000-search-open-spaces';

import { CheckIn1765800700000 } from './1765800700000-check-in';
/** In order. Listed rather than globbed so that a build or a test runner cannot miss one. */
export const MIGRATIONS = [
  InitialSchema1764201600000,
  Identity1764288000000,
  SiteCalendar1764374400000,
  SpaceOpeningHours1764460800000,
  CatalogueSearchAndPhotos1764547200000,
  BookingLifecycle1764633600000,
  SeriesAndWaitlist1764720000000,
  Occupancy1764806400000,
  SpaceAudience1764892800000,
  OccupancyDistinctRollups1764979200000,
  OutboxUnsent1765065600000,
  SpacePublications1765152000000,
  RetiredRefreshTokens1765500000002,
  OutboxRequestId1765500000004,
  DiscoveryIndexes1765600012000,
  BookingChanges1765700100000,
  SpaceAccess1765700300000,
  Receipts1765700600000,
  AdminConsole1765700500000,
  Needs1765800000000,
  NeedDirty1765800100000,
  NeedsDemand1765800200000,
  Projects1765800300000,
  CalendarFeeds1765800400000,
  Webhooks1765800500000,
  SessionChanges1765800900000,
  Quotas1765800800000,
  CheckIn1765800700000,
  SearchOpenSpaces1765801000000,
  OccupancyOrgBitmaps1765801100000,
  OccupancyAreaOrgs1765801200000,
  SitesDepartementZone1765801300000,
  OccupancyMonthPrefixes1765801400000,
];
