import type { RouteName } from '@lieux/contracts';

/**
 * Who gets what from every route: the expected status for each kind of caller, against data of two
 * regions (76 Occitanie "A", 11 Île-de-France "B"), two sites and two organisations. 404 where the
 * caller may not even know the resource exists; 403 where their role never may.
 */
export const CALLERS = [
  'anonymous',
  'memberA',
  'orgAdminA',
  'memberB',
  'orgAdminB',
  'managerA',
  'delegateA',
  'delegateB',
  'admin',
] as const;
export type CallerName = (typeof CALLERS)[number];

type Row = Record<CallerName, number>;

const all = (status: number): Row => Object.fromEntries(CALLERS.map((c) => [c, status])) as Row;
const signedIn = (status: number): Row => ({ ...all(status), anonymous: 401 });
const only = (allowed: Partial<Row>, otherwise = 403): Row => ({ ...signedIn(otherwise), ...allowed });

/** A booking of organisation A at site A: its organisation and the site's managers act on it; B is told nothing. */
const ORG_A_OR_ITS_SITE = only({
  memberA: 200,
  orgAdminA: 200,
  memberB: 404,
  orgAdminB: 404,
  managerA: 200,
  admin: 200,
});

export const EXPECTED: Record<RouteName, Row> = {
  health: all(200),
  healthLive: all(200),
  healthReady: all(200),
  login: all(200),
  oidcStart: all(404), // off unless configured: oidc.int-spec signs in through a real provider
  oidcCallback: all(404),
  logout: signedIn(204),
  refresh: all(401), // no refresh cookie sent: the cookie flow has its own tests
  requestPasswordReset: all(202),
  confirmPasswordReset: all(400), // an unknown link
  acceptInvitation: all(400), // an unknown link
  me: signedIn(200),
  mySessions: signedIn(200),
  revokeSession: signedIn(404), // somebody else's session, or none
  myData: signedIn(200),
  deleteMe: signedIn(204), // each caller is a fresh person for this one and for logout
  regions: all(200),
  regionDepartements: all(200),
  communes: all(200),
  registerOrganisation: all(201),
  listOrganisations: only({ delegateA: 200, delegateB: 200, admin: 200 }),
  getOrganisation: only({
    memberA: 200,
    orgAdminA: 200,
    memberB: 404,
    orgAdminB: 404,
    delegateA: 200,
    delegateB: 404,
    admin: 200,
  }),
  organisationDecisions: only({ delegateA: 200, delegateB: 404, admin: 200 }),
  verifyOrganisation: only({ delegateA: 200, delegateB: 404, admin: 200 }),
  rejectOrganisation: only({ delegateA: 200, delegateB: 404, admin: 200 }),
  withdrawVerification: only({ delegateA: 200, delegateB: 404, admin: 200 }),
  listMembers: only({ orgAdminA: 200, orgAdminB: 404, admin: 200 }),
  inviteMember: only({ orgAdminA: 201, orgAdminB: 404 }),
  createUser: only({ admin: 201 }),
  listUsers: only({ admin: 200 }),
  getUser: only({ admin: 200 }),
  setUserRoles: only({ admin: 200 }),
  deactivateUser: only({ admin: 200 }),
  reactivateUser: only({ admin: 200 }),
  resendInvitation: only({ admin: 200 }),
  audit: only({ admin: 200 }),
  listSites: only({ managerA: 200, admin: 200 }),
  createSite: only({ admin: 201 }),
  getSite: only({ managerA: 200, admin: 200 }),
  updateSite: only({ managerA: 200, admin: 200 }),
  setOpeningHours: only({ managerA: 200, admin: 200 }),
  addClosure: only({ managerA: 201, admin: 201 }),
  removeClosure: only({ managerA: 204, admin: 204 }),
  siteHolidays: only({ managerA: 200, admin: 200 }),
  setHolidayOpenings: only({ managerA: 200, admin: 200 }),
  listSiteSpaces: only({ managerA: 200, admin: 200 }),
  createSpace: only({ managerA: 201, admin: 201 }),
  updateSpace: only({ managerA: 200, admin: 200 }),
  setSpaceOpeningHours: only({ managerA: 200, admin: 200 }),
  clearSpaceOpeningHours: only({ managerA: 200, admin: 200 }),
  publishSpace: only({ managerA: 200, admin: 200 }),
  archiveSpace: only({ managerA: 200, admin: 200 }),
  searchSpaces: all(200),
  getSpace: all(200),
  spaceAvailability: all(200),
  manyAvailability: all(200),
  // Issue 14, the places' side of needs: site A's demand, a contactable need near it, région A's unmet demand.
  nearbyNeeds: only({ managerA: 200, admin: 200 }),
  contactNeed: only({ managerA: 202, admin: 202 }),
  unmetDemand: only({ delegateA: 200, admin: 200 }), // région A: delegate B may never see it
  nationalStats: all(200),
  instance: all(200),
  createBooking: only({ memberA: 201, orgAdminA: 201, memberB: 201, orgAdminB: 201 }),
  listBookings: signedIn(200),
  getBooking: only({
    memberA: 200,
    orgAdminA: 200,
    memberB: 404,
    orgAdminB: 404,
    managerA: 200,
    delegateA: 200,
    delegateB: 404,
    admin: 200,
  }),
  bookingHistory: only({
    memberA: 200,
    orgAdminA: 200,
    memberB: 404,
    orgAdminB: 404,
    managerA: 200,
    delegateA: 200,
    delegateB: 404,
    admin: 200,
  }),
  // A delegate sees the booking, not its invoice.
  bookingReceipt: only({
    memberA: 200,
    orgAdminA: 200,
    memberB: 404,
    orgAdminB: 404,
    managerA: 200,
    delegateA: 403,
    delegateB: 404,
    admin: 200,
  }),
  cancelBooking: ORG_A_OR_ITS_SITE,
  changeBooking: ORG_A_OR_ITS_SITE,
  approveBooking: only({ managerA: 200, admin: 200 }),
  rejectBooking: only({ managerA: 200, admin: 200 }),
  markNoShow: only({ managerA: 200, admin: 200 }),
  // The organisation's members, or the site's managers recording it; another organisation is told nothing.
  checkInBooking: ORG_A_OR_ITS_SITE,
  siteDiscounts: all(200), // site A shows a published space
  setSiteDiscounts: only({ managerA: 200, admin: 200 }),
  createSeries: only({ memberA: 201, orgAdminA: 201, memberB: 201, orgAdminB: 201 }),
  getSeries: only({
    memberA: 200,
    orgAdminA: 200,
    memberB: 404,
    orgAdminB: 404,
    managerA: 200,
    delegateA: 404,
    delegateB: 404,
    admin: 200,
  }),
  cancelSeries: only({
    memberA: 200,
    orgAdminA: 200,
    memberB: 404,
    orgAdminB: 404,
    managerA: 200,
    delegateA: 404,
    delegateB: 404,
    admin: 200,
  }),
  joinWaitlist: only({ memberA: 201, orgAdminA: 201, memberB: 201, orgAdminB: 201 }),
  listWaitlist: signedIn(200),
  leaveWaitlist: only({ memberA: 204, orgAdminA: 204, memberB: 404, orgAdminB: 404 }),
  acceptWaitlistOffer: only({ memberA: 201, orgAdminA: 201, memberB: 404, orgAdminB: 404 }),
  uploadSpacePhoto: only({ managerA: 201, admin: 201 }),
  deleteSpacePhoto: only({ managerA: 204, admin: 204 }),
  spacePhoto: all(200),
  occupancyReport: only({ delegateA: 200, admin: 200 }), // region A's report: delegate B may never see it
  createProject: only({ memberA: 201, orgAdminA: 201, memberB: 201, orgAdminB: 201 }),
  listProjects: signedIn(200), // each sees their own, their région's or all; a manager an empty list
  replicableProjects: all(200), // the public ones for anyone, every shared one for delegates and admins
  // A project of organisation A (région A), not shared: its organisation, région A's delegate and admins.
  getProject: { ...all(404), memberA: 200, orgAdminA: 200, delegateA: 200, admin: 200 },
  updateProject: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  linkProject: only({ memberA: 204, orgAdminA: 204, memberB: 404, orgAdminB: 404 }),
  createProjectReport: only({ memberA: 201, orgAdminA: 201, memberB: 404, orgAdminB: 404 }),
  replicateProject: only({ delegateA: 200, delegateB: 404, admin: 200 }),
  acceptReplication: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  declineReplication: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  // A shared project's fitting spaces in région A: delegate B sees the project, not région A's spaces.
  fittingSpaces: only({ delegateA: 200, delegateB: 403, admin: 200 }),
  // Issue 16, calendar subscriptions: each person's own links; the organisation feed is a member's.
  myCalendarFeeds: signedIn(200),
  rotateCalendarFeed: only({ memberA: 200, orgAdminA: 200, memberB: 200, orgAdminB: 200 }, 404),
  calendarFeed: all(404), // a link nobody was given: the holder of a real one is in calendar-feeds.int-spec
  spaceBusyFeed: all(200),
  // A need is its organisation's alone: another organisation's members may not know it exists.
  createNeed: only({ memberA: 201, orgAdminA: 201, memberB: 201, orgAdminB: 201 }),
  listNeeds: only({ memberA: 200, orgAdminA: 200, memberB: 200, orgAdminB: 200 }),
  getNeed: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  updateNeed: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  closeNeed: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  needMatches: only({ memberA: 200, orgAdminA: 200, memberB: 404, orgAdminB: 404 }),
  bookNeed: only({ memberA: 201, orgAdminA: 201, memberB: 404, orgAdminB: 404 }),
  listWebhooks: only({ orgAdminA: 200, orgAdminB: 404 }),
  createWebhook: only({ orgAdminA: 201, orgAdminB: 404 }),
  updateWebhook: only({ orgAdminA: 200, orgAdminB: 404 }),
  deleteWebhook: only({ orgAdminA: 204, orgAdminB: 404 }),
  rotateWebhookSecret: only({ orgAdminA: 200, orgAdminB: 404 }),
  testWebhook: only({ orgAdminA: 202, orgAdminB: 404 }),
  webhookDeliveries: only({ orgAdminA: 200, orgAdminB: 404 }),
  siteQuotas: only({ managerA: 200, admin: 200 }),
  createSiteQuota: only({ managerA: 201, admin: 201 }),
  updateSiteQuota: only({ managerA: 200, admin: 200 }),
  deleteSiteQuota: only({ managerA: 204, admin: 204 }),
  nationalQuotas: only({ admin: 200 }),
  createNationalQuota: only({ admin: 201 }),
  updateNationalQuota: only({ admin: 200 }),
  deleteNationalQuota: only({ admin: 204 }),
  spaceQuota: only({ memberA: 200, orgAdminA: 200, memberB: 200, orgAdminB: 200 }),
};
