import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { ROUTES, fullPath, type RouteName } from '@lieux/contracts';
import { CALLERS, EXPECTED, type CallerName } from './authorization-matrix';
import {
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  insertSeries,
  insertWaitlistEntry,
  login,
  paidBooking,
  PASSWORD,
  slot,
  validSiret,
  type RoleName,
} from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

interface Call {
  path: string;
  body?: unknown;
  /** A multipart body instead of JSON (photo uploads). */
  form?: FormData;
}

let t: TestApp;
let world: { orgA: string; orgB: string; siteA: string; spaceA: string; siteB: string };
const tokens = new Map<CallerName, string | null>();
let day = 0;

/** Who each caller is: a role and its scope in region A or B. */
const PEOPLE: Record<Exclude<CallerName, 'anonymous'>, () => [RoleName, Parameters<typeof createUser>[2]]> = {
  memberA: () => ['member', { organisationId: world.orgA }],
  orgAdminA: () => ['org_admin', { organisationId: world.orgA }],
  memberB: () => ['member', { organisationId: world.orgB }],
  orgAdminB: () => ['org_admin', { organisationId: world.orgB }],
  managerA: () => ['site_manager', { siteId: world.siteA }],
  delegateA: () => ['delegate', { regionCode: '76' }],
  delegateB: () => ['delegate', { regionCode: '11' }],
  admin: () => ['admin', {}],
};

async function tokenFor(caller: CallerName, fresh = false): Promise<string | null> {
  if (caller === 'anonymous') return null;
  if (!fresh && tokens.has(caller)) return tokens.get(caller)!;
  const [role, scope] = PEOPLE[caller]();
  const user = await createUser(t.db, role, scope);
  const token = await login(t.url, user.email);
  if (!fresh) tokens.set(caller, token);
  return token;
}

/** The request each route gets: real resources of region A, fresh ones where the call changes them. */
async function callFor(name: RouteName): Promise<Call> {
  const fill = (path: string, id: string) => path.replace(/\{\w+\}/, id);
  const p = fullPath(ROUTES[name]);
  switch (name) {
    case 'login': {
      const u = await createUser(t.db, 'member', { organisationId: world.orgA });
      return { path: p, body: { email: u.email, password: PASSWORD } };
    }
    case 'requestPasswordReset':
      return { path: p, body: { email: 'personne@example.org' } };
    case 'confirmPasswordReset':
      return { path: p, body: { token: 'x'.repeat(43), password: 'un-mot-de-passe-neuf' } };
    case 'acceptInvitation':
      return {
        path: p,
        body: { token: 'x'.repeat(43), displayName: 'Nouvelle', password: 'un-mot-de-passe-neuf' },
      };
    case 'revokeSession':
      return { path: fill(p, randomUUID()) };
    case 'regionDepartements':
      return { path: fill(p, '76') };
    case 'communes':
      return { path: `${p}?q=Montpellier` };
    case 'registerOrganisation':
      return {
        path: p,
        body: {
          organisation: {
            name: 'Ressourcerie du Lez',
            siret: validSiret(),
            legalForm: 'association',
            rna: 'W343000001',
            address: '2 rue du Lez',
            postcode: '34000',
            communeCode: '34172',
          },
          admin: {
            displayName: 'Inès Durand',
            email: `ines-${randomUUID()}@example.org`,
            password: 'un-mot-de-passe-neuf',
          },
        },
      };
    case 'getOrganisation':
    case 'organisationDecisions':
    case 'listMembers':
      return { path: fill(p, world.orgA) };
    case 'verifyOrganisation':
      return { path: fill(p, await createOrganisation(t.db, 'pending', '76')) };
    case 'rejectOrganisation':
      return {
        path: fill(p, await createOrganisation(t.db, 'pending', '76')),
        body: { reason: 'SIRET radié au répertoire' },
      };
    case 'withdrawVerification':
      return {
        path: fill(p, await createOrganisation(t.db, 'verified', '76')),
        body: { reason: 'Activité hors du champ de l’ESS' },
      };
    case 'inviteMember':
      return { path: fill(p, world.orgA), body: { email: `invite-${randomUUID()}@example.org` } };
    case 'createUser':
      return {
        path: p,
        body: {
          email: `staff-${randomUUID()}@example.org`,
          displayName: 'Léa Petit',
          role: 'delegate',
          regionCode: '76',
        },
      };
    case 'getUser':
      return { path: fill(p, (await createUser(t.db, 'delegate', { regionCode: '76' })).id) };
    case 'setUserRoles':
      return {
        path: fill(p, (await createUser(t.db, 'delegate', { regionCode: '76' })).id),
        body: { siteIds: [world.siteA] },
      };
    case 'deactivateUser':
      return { path: fill(p, (await createUser(t.db, 'delegate', { regionCode: '76' })).id) };
    case 'reactivateUser': {
      const { id } = await createUser(t.db, 'delegate', { regionCode: '76' });
      await t.db.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [id]);
      return { path: fill(p, id) };
    }
    case 'resendInvitation': {
      const { id, email } = await createUser(t.db, 'delegate', { regionCode: '76' });
      await t.db.query(
        `INSERT INTO user_links (kind, token_hash, email, user_id, expires_at)
         VALUES ('invitation', $1, $2, $3, now() + interval '7 days')`,
        [randomUUID(), email, id],
      );
      return { path: fill(p, id) };
    }
    case 'createSite':
      return {
        path: p,
        body: {
          name: 'La Poste Lodève',
          address: '1 place de la République',
          postcode: '34700',
          communeCode: '34142',
          latitude: 43.73,
          longitude: 3.32,
        },
      };
    case 'getSite':
      return { path: fill(p, world.siteA) };
    case 'updateSite':
      return { path: fill(p, world.siteA), body: { accessNotes: 'Entrée côté parking.' } };
    case 'setOpeningHours':
      // The same hours as the fixture: later calls still book on any day.
      return {
        path: fill(p, world.siteA),
        body: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
      };
    case 'addClosure':
      return {
        path: fill(p, world.siteA),
        body: { startsOn: '2031-08-01', endsOn: '2031-08-15', reason: 'Congés d’été' },
      };
    case 'removeClosure': {
      const [{ id }] = await t.db.query(
        `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, '2031-12-24', '2031-12-24', 'Réveillon') RETURNING id`,
        [world.siteA],
      );
      return { path: fill(fill(p, world.siteA), id) };
    }
    case 'siteHolidays':
      return { path: `${fill(p, world.siteA)}?year=2031` };
    case 'setHolidayOpenings':
      return { path: `${fill(p, world.siteA)}?year=2031`, body: { dates: ['2031-05-08'] } };
    case 'listSiteSpaces':
      return { path: fill(p, world.siteA) };
    case 'createSpace':
      return {
        path: fill(p, world.siteA),
        body: { name: 'Bureau 2', kind: 'office', areaSqm: 12, capacity: 2 },
      };
    case 'updateSpace':
      return { path: fill(p, await draftSpace()), body: { description: 'Au calme, côté cour.' } };
    case 'setSpaceOpeningHours':
      return { path: fill(p, await draftSpace()), body: [{ weekday: 2, opens: '09:00', closes: '12:00' }] };
    case 'clearSpaceOpeningHours':
    case 'publishSpace':
    case 'archiveSpace':
      return { path: fill(p, await draftSpace()) };
    case 'getSpace':
      return { path: fill(p, world.spaceA) };
    case 'spaceAvailability': {
      const s = slot(1);
      return {
        path: `${fill(p, world.spaceA)}?from=${encodeURIComponent(s.start)}&to=${encodeURIComponent(s.end)}`,
      };
    }
    case 'manyAvailability': {
      const s = slot(1);
      return {
        path: `${p}?siteId=${world.siteA}&from=${encodeURIComponent(s.start)}&to=${encodeURIComponent(s.end)}`,
      };
    }
    case 'createBooking':
      return { path: p, body: { spaceId: world.spaceA, ...slot(++day), title: 'Matrice', attendees: 1 } };
    case 'listBookings':
      return { path: `${p}?mine=true` };
    case 'getBooking':
    case 'bookingHistory':
      return { path: fill(p, await bookingOfA('confirmed', slot(++day))) };
    case 'bookingReceipt':
      return { path: fill(p, await paidBooking(t, world.spaceA, world.orgA, slot(++day))) };
    case 'cancelBooking':
      return { path: fill(p, await bookingOfA('confirmed', slot(++day))), body: { reason: 'Travaux' } };
    case 'changeBooking':
      return {
        path: fill(p, await bookingOfA('confirmed', slot(++day))),
        body: { attendees: 2, reason: 'Travaux' },
      };
    case 'approveBooking':
      return { path: fill(p, await bookingOfA('pending', slot(++day))) };
    case 'rejectBooking':
      return {
        path: fill(p, await bookingOfA('pending', slot(++day))),
        body: { reason: 'Salle en travaux' },
      };
    case 'markNoShow':
      return { path: fill(p, await bookingOfA('confirmed', slot(-3 - ++day))) };
    case 'checkInBooking': {
      // Happening now, in a space of its own at site A (each caller checks in a booking of its own).
      const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
      const spaceId = await draftSpace();
      const id = await insertBooking(t.db, {
        spaceId,
        organisationId: world.orgA,
        start: minutes(-5),
        end: minutes(55),
      });
      return { path: fill(p, id) };
    }
    case 'siteDiscounts':
      return { path: fill(p, world.siteA) };
    case 'setSiteDiscounts':
      return { path: fill(p, world.siteA), body: { discounts: [{ basis: 'scic', percent: 10 }] } };
    case 'createSeries': {
      const s = slot(++day);
      return {
        path: p,
        body: {
          spaceId: world.spaceA,
          firstStart: s.start,
          firstEnd: s.end,
          rrule: 'FREQ=WEEKLY;COUNT=1',
          title: 'Matrice',
          attendees: 1,
        },
      };
    }
    case 'getSeries':
    case 'cancelSeries':
      return {
        path: fill(
          p,
          await insertSeries(t.db, { spaceId: world.spaceA, organisationId: world.orgA, ...slot(++day) }),
        ),
        body: name === 'cancelSeries' ? { reason: 'Travaux' } : undefined,
      };
    case 'joinWaitlist': {
      const s = slot(++day);
      await bookingOfA('confirmed', s);
      return { path: p, body: { spaceId: world.spaceA, ...s, title: 'Matrice', attendees: 1 } };
    }
    case 'leaveWaitlist':
    case 'acceptWaitlistOffer': {
      const status = name === 'acceptWaitlistOffer' ? 'offered' : 'waiting';
      const entry = { spaceId: world.spaceA, organisationId: world.orgA, status, ...slot(++day) } as const;
      return { path: fill(p, await insertWaitlistEntry(t.db, entry)) };
    }
    case 'nearbyNeeds':
      return { path: `${p}?siteId=${world.siteA}` };
    case 'contactNeed':
      // A fresh need for each caller: a manager writes about one need once a day.
      return {
        path: fill(p, await contactableNeedNearA()),
        body: { siteId: world.siteA, message: 'Notre salle est libre le mardi.' },
      };
    case 'unmetDemand':
      return { path: `${p}?scope=region:76` };
    case 'uploadSpacePhoto': {
      const form = new FormData();
      form.append('file', new Blob([await pngBytes()], { type: 'image/png' }), 'salle.png');
      return { path: fill(p, await draftSpace()), form };
    }
    case 'deleteSpacePhoto': {
      const space = await draftSpace();
      return { path: fill(fill(p, space), await storedPhoto(space)) };
    }
    case 'spacePhoto':
      return { path: fill(fill(fill(p, world.spaceA), await storedPhoto(world.spaceA)), 'thumb') };
    case 'rotateCalendarFeed':
      return { path: fill(p, 'organisation') };
    case 'calendarFeed':
      return { path: fill(p, 'x'.repeat(43)) };
    case 'spaceBusyFeed':
      return { path: fill(p, world.spaceA) };
    case 'listWebhooks':
      return { path: fill(p, world.orgA) };
    case 'createWebhook':
      // A name that never resolves: no request leaves the machine.
      return {
        path: fill(p, world.orgA),
        body: { url: 'https://hooks.invalid/lp', events: ['booking.created'] },
      };
    case 'updateWebhook':
      return { path: fill(p, await webhookOfA()), body: { description: 'CRM' } };
    case 'deleteWebhook':
    case 'rotateWebhookSecret':
    case 'testWebhook':
    case 'webhookDeliveries':
      return { path: fill(p, await webhookOfA()) };
    // Each rule names an organisation of its own: the other calls' bookings meet no quota.
    case 'siteQuotas':
      return { path: fill(p, world.siteA) };
    case 'createSiteQuota':
      return {
        path: fill(p, world.siteA),
        body: { organisationId: await otherOrganisation(), hoursPerWeek: 10 },
      };
    case 'updateSiteQuota':
      return {
        path: fill(fill(p, world.siteA), await quotaRule(world.siteA)),
        body: { maxActiveBookings: 3 },
      };
    case 'deleteSiteQuota':
      return { path: fill(fill(p, world.siteA), await quotaRule(world.siteA)) };
    case 'createNationalQuota':
      return { path: p, body: { organisationId: await otherOrganisation(), hoursPerMonth: 40 } };
    case 'updateNationalQuota':
      return { path: fill(p, await quotaRule(null)), body: { hoursPerWeek: 2.5 } };
    case 'deleteNationalQuota':
      return { path: fill(p, await quotaRule(null)) };
    case 'spaceQuota':
      return { path: fill(p, world.spaceA) };
    case 'occupancyReport':
      return { path: `${p}?scope=region:76&from=2026-03-01&to=2026-03-31&groupBy=site` };
    case 'createProject':
      return {
        path: p,
        body: {
          title: 'Repair café',
          theme: 'transition_energetique',
          audience: 'Habitants du quartier',
          territory: { departementCode: '34' },
          startDate: '2026-01-01',
        },
      };
    case 'getProject':
      return { path: fill(p, await projectOfA('none')) };
    case 'updateProject':
      return { path: fill(p, await projectOfA('none')), body: { audience: 'Familles' } };
    case 'linkProject':
      return {
        path: fill(p, await projectOfA('none')),
        body: { bookingId: await bookingOfA('confirmed', slot(++day)) },
      };
    case 'createProjectReport':
      return { path: fill(p, await projectOfA('none')), body: { sentence: 'Un trimestre bien rempli' } };
    case 'replicateProject':
      return { path: fill(p, await projectOfA('none')), body: CASE_SHEET };
    case 'acceptReplication':
      return { path: fill(p, await projectOfA('proposed')), body: { public: true } };
    case 'declineReplication':
      return { path: fill(p, await projectOfA('proposed')) };
    case 'fittingSpaces':
      return { path: `${fill(p, await projectOfA('shared'))}?region=76` };
    case 'createNeed': {
      const from = slot(++day).start.slice(0, 10);
      return {
        path: p,
        body: {
          kind: 'meeting_room',
          attendees: 2,
          schedule: { from, until: from, startTime: '10:00', endTime: '11:00' },
          place: { departementCode: '34' },
          purpose: 'Réunions du bureau',
          theme: 'insertion',
        },
      };
    }
    case 'listNeeds':
      return { path: p };
    case 'getNeed':
    case 'needMatches':
      return { path: fill(p, await needOfA()) };
    case 'updateNeed':
      return { path: fill(p, await needOfA()), body: { attendees: 3 } };
    case 'closeNeed':
      return { path: fill(p, await needOfA()), body: { reason: 'found_elsewhere' } };
    case 'bookNeed':
      return { path: fill(p, await needOfA()), body: { spaceId: world.spaceA, title: 'Matrice' } };
    default:
      return { path: p };
  }
}

const CASE_SHEET = {
  what: 'Un atelier de réparation mensuel',
  forWhom: 'Les habitants',
  kind: 'meeting_room',
  equipment: [],
};

/** A project of organisation A in région A, at a stage of its replication. */
async function projectOfA(status: 'none' | 'proposed' | 'shared'): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO projects (organisation_id, title, theme, audience, departement_code, region_code, latitude, longitude,
                           start_date, replication_status, case_sheet)
     VALUES ($1, 'Repair café', 'transition_energetique', 'Habitants', '34', '76', 43.6, 3.88, '2026-01-01', $2, $3)
     RETURNING id`,
    [
      world.orgA,
      status,
      status === 'none'
        ? null
        : JSON.stringify({
            ...CASE_SHEET,
            minAreaM2: null,
            attendees: null,
            hoursPerWeek: null,
            partners: '',
          }),
    ],
  );
  return id;
}

/** A need of organisation A that space A meets: one hour on a day of its own, in its département. */
async function needOfA(): Promise<string> {
  const s = slot(++day);
  const date = s.start.slice(0, 10);
  const [{ id }] = await t.db.query(
    `INSERT INTO needs (organisation_id, kind, attendees, date_from, date_until, start_time, end_time, departement_code,
                        region_code, latitude, longitude, purpose, theme, occurrences_wanted, hours_wanted)
     VALUES ($1, 'meeting_room', 1, $2, $2, $3, $4, '34', '76', 43.6, 3.88, 'Matrice', 'insertion', 1, 1) RETURNING id`,
    [world.orgA, date, s.start.slice(11, 16), s.end.slice(11, 16)],
  );
  return id;
}

/** A verified organisation no other call books for. */
const otherOrganisation = () => createOrganisation(t.db, 'verified', '76');

/** A quota rule of a site (national when null) for an organisation of its own. */
async function quotaRule(siteId: string | null): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO quota_rules (site_id, organisation_id, week_minutes) VALUES ($1, $2, 600) RETURNING id`,
    [siteId, await otherOrganisation()],
  );
  return id;
}

/** A webhook endpoint of organisation A, to a name that never resolves. */
async function webhookOfA(): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO webhook_endpoints (organisation_id, url, events, secret_encrypted)
     VALUES ($1, 'https://hooks.invalid/lp', '{booking.created}', 'v1.x.x.x') RETURNING id`,
    [world.orgA],
  );
  return id;
}

function bookingOfA(status: 'pending' | 'confirmed', s: { start: string; end: string }): Promise<string> {
  return insertBooking(t.db, { spaceId: world.spaceA, organisationId: world.orgA, status, ...s });
}

/** A small real PNG, for uploads. */
function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#d35400' } })
    .png()
    .toBuffer();
}

/** A photo stored with the space, as an upload would leave it. */
async function storedPhoto(spaceId: string): Promise<string> {
  const bytes = await pngBytes();
  const [{ id }] = await t.db.query(
    `INSERT INTO space_photos (space_id, width, height, large, thumbnail) VALUES ($1, 40, 30, $2, $2) RETURNING id`,
    [spaceId, bytes],
  );
  return id;
}

/** An open need of organisation A around Montpellier, where site A is, whose organisation may be written to. */
async function contactableNeedNearA(): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO needs (organisation_id, attendees, date_from, date_until, start_time, end_time, weekdays, commune_code,
                        radius_km, departement_code, region_code, latitude, longitude, purpose, theme, contactable,
                        occurrences_wanted, hours_wanted)
     VALUES ($1, 5, current_date + 10, current_date + 40, '14:00', '17:00', '{2}', '34172', 20, '34', '76', 43.61, 3.87,
             'Atelier numérique', 'numerique', true, 4, 12)
     RETURNING id`,
    [world.orgA],
  );
  return id;
}

/** A draft space of site A, for calls that change a space. */
async function draftSpace(): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity)
     VALUES ($1, '76', '34', 'Brouillon', 'office', 10, 2) RETURNING id`,
    [world.siteA],
  );
  return id;
}

beforeAll(async () => {
  t = await startApp();
  const a = await createSite(t.db, { regionCode: '76' });
  const b = await createSite(t.db, { regionCode: '11' });
  world = {
    orgA: await createOrganisation(t.db, 'verified', '76'),
    orgB: await createOrganisation(t.db, 'verified', '11'),
    siteA: a.siteId,
    spaceA: a.spaceId,
    siteB: b.siteId,
  };
});

afterAll(() => t?.close());

const routeNames = Object.keys(ROUTES) as RouteName[];

describe(`authorisation matrix (${MODE}): ${routeNames.length} routes × ${CALLERS.length} callers`, () => {
  it('has an expectation for every route, and no stale one', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...routeNames].sort());
  });

  it.each(routeNames)('%s answers each caller as the table says', async (name) => {
    const route = ROUTES[name];
    const got: Record<string, number> = {};
    for (const caller of CALLERS) {
      const token = await tokenFor(caller, name === 'deleteMe' || name === 'logout');
      const call = await callFor(name);
      const res = await fetch(`${t.url}${call.path}`, {
        method: route.method.toUpperCase(),
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: call.form ?? (call.body !== undefined ? JSON.stringify(call.body) : undefined),
      });
      got[caller] = res.status;
    }
    expect(got).toEqual(EXPECTED[name]);
  });
});
