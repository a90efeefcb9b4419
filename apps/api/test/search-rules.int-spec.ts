import { randomUUID } from 'node:crypto';
import { SpacePage } from '@lieux/contracts';
import { contains, holidays, siteDays, type WeeklyWindow } from '@lieux/scheduling';
import { createOrganisation, insertBooking, jsonOf } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';
import { Temporal } from './local-time';

// The window search settles "open throughout" in SQL. These draw random sites, hours, closures, holiday
// openings and bookings, then random windows (daylight-saving Sundays, holidays, nights, windows over
// midnight included), and ask the API what `libs/scheduling`'s rules (what the booking path applies)
// answer for every space, right after each change.

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

function mulberry32(a: number) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const REGION = '84';
const PLACES = [
  { departementCode: '69', timeZone: 'Europe/Paris' },
  { departementCode: '57', timeZone: 'Europe/Paris' },
  { departementCode: '974', timeZone: 'Indian/Reunion' },
  { departementCode: '973', timeZone: 'America/Cayenne' },
  // A zone of its own (sites keep theirs): daylight saving at 02:00 local, on other dates and UTC hours.
  { departementCode: '13', timeZone: 'America/Miquelon' },
  // A day ahead of every département's zone for ten hours a day: on French public holidays it is often the
  // next day there, so its sites stay open when all the others close (the search reads the few sites that
  // can be open first then, and must not miss these).
  { departementCode: '75', timeZone: 'Pacific/Kiritimati' },
];

interface SiteFacts {
  id: string;
  timeZone: string;
  departementCode: string;
  hours: WeeklyWindow[];
  closures: { startsOn: string; endsOn: string; reason: string }[];
  holidayOpenings: string[];
}
interface SpaceFacts {
  id: string;
  site: SiteFacts;
  ownHours: WeeklyWindow[] | null;
  status: string;
}

describe(`the window search keeps exactly the spaces the rules say are open and free (${MODE})`, () => {
  const rand = mulberry32(20261205);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const hhmm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const today = Temporal.Now.plainDateISO('Europe/Paris');

  /** Days worth drawing: the next daylight-saving Sundays, public holidays, and ordinary days. */
  const days: Temporal.PlainDate[] = (() => {
    const out: Temporal.PlainDate[] = [];
    for (let year = today.year; year <= today.year + 1; year++) {
      for (const month of [3, 10]) {
        const ym = Temporal.PlainYearMonth.from({ year, month });
        const last = ym.toPlainDate({ day: ym.daysInMonth });
        out.push(last.subtract({ days: last.dayOfWeek % 7 }));
      }
      // Miquelon moves on the second Sunday of March and the first of November.
      const march = Temporal.PlainDate.from({ year, month: 3, day: 1 });
      out.push(march.add({ days: ((7 - march.dayOfWeek) % 7) + 7 }));
      const november = Temporal.PlainDate.from({ year, month: 11, day: 1 });
      out.push(november.add({ days: (7 - november.dayOfWeek) % 7 }));
      for (const d of ['69', '57', '974', '973'])
        out.push(...holidays(year, d).map((h) => Temporal.PlainDate.from(h.date)));
    }
    for (let i = 2; i < 30; i++) out.push(today.add({ days: i }));
    return out.filter((d) => Temporal.PlainDate.compare(d, today.add({ days: 2 })) >= 0);
  })();

  /** One to three windows a day, on a quarter-hour grid, touching ones included, now and then to 23:59. */
  function drawHours(): WeeklyWindow[] {
    const out: WeeklyWindow[] = [];
    for (let weekday = 1; weekday <= 7; weekday++) {
      if (rand() < 0.2) continue;
      let at = Math.floor(rand() * 16) * 15; // 00:00 to 03:45: the daylight-saving hours
      for (let n = 1 + Math.floor(rand() * 3); n > 0 && at < 23 * 60; n--) {
        const closes =
          rand() < 0.1 ? 23 * 60 + 59 : Math.min(23 * 60 + 59, at + 15 * (1 + Math.floor(rand() * 40)));
        out.push({ weekday, opens: hhmm(at), closes: hhmm(closes) });
        at = closes + (rand() < 0.4 ? 0 : 15 * Math.floor(rand() * 12));
      }
    }
    return out;
  }

  const sites: SiteFacts[] = [];
  const spaces: SpaceFacts[] = [];
  const bookings: { spaceId: string; start: number; end: number; active: boolean }[] = [];
  let organisationId: string;

  async function addSite(): Promise<void> {
    const place = pick(PLACES);
    const site: SiteFacts = {
      id: randomUUID(),
      ...place,
      hours: drawHours(),
      closures: [],
      holidayOpenings: [],
    };
    await t.db.query(
      `INSERT INTO sites (id, name, address, postcode, commune, departement_code, region_code, time_zone, latitude, longitude, opening_hours)
       VALUES ($1, $2, '1 rue du Test', '00000', 'Testville', $3, $4, $5, 45, 4, $6)`,
      [
        site.id,
        `Site ${sites.length}`,
        site.departementCode,
        REGION,
        site.timeZone,
        JSON.stringify(site.hours),
      ],
    );
    sites.push(site);
    for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
      const space: SpaceFacts = {
        id: randomUUID(),
        site,
        ownHours: rand() < 0.3 ? drawHours() : null,
        status: rand() < 0.9 ? 'published' : 'draft',
      };
      await t.db.query(
        `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status, opening_hours)
         VALUES ($1, $2, $3, $4, $5, 'meeting_room', 20, 10, $6, $7)`,
        [
          space.id,
          site.id,
          REGION,
          site.departementCode,
          `Salle ${spaces.length}`,
          space.status,
          space.ownHours && JSON.stringify(space.ownHours),
        ],
      );
      spaces.push(space);
    }
  }

  async function addClosure(site: SiteFacts): Promise<void> {
    const first = pick(days).subtract({ days: Math.floor(rand() * 2) });
    const closure = {
      startsOn: first.toString(),
      endsOn: first.add({ days: Math.floor(rand() * 3) }).toString(),
      reason: 'Travaux',
    };
    await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $3, $4)`,
      [site.id, closure.startsOn, closure.endsOn, closure.reason],
    );
    site.closures.push(closure);
  }

  async function addHolidayOpening(site: SiteFacts): Promise<void> {
    const candidates = [today.year, today.year + 1]
      .flatMap((y) => holidays(y, site.departementCode).map((h) => h.date))
      .filter((d) => !site.holidayOpenings.includes(d));
    const date = pick(candidates);
    await t.db.query(`INSERT INTO site_holiday_openings (site_id, date) VALUES ($1, $2)`, [site.id, date]);
    site.holidayOpenings.push(date);
  }

  async function changeHours(space: SpaceFacts): Promise<void> {
    if (rand() < 0.5) {
      space.ownHours = rand() < 0.5 ? null : drawHours();
      await t.db.query(`UPDATE spaces SET opening_hours = $2 WHERE id = $1`, [
        space.id,
        space.ownHours && JSON.stringify(space.ownHours),
      ]);
    } else {
      space.site.hours = drawHours();
      await t.db.query(`UPDATE sites SET opening_hours = $2 WHERE id = $1`, [
        space.site.id,
        JSON.stringify(space.site.hours),
      ]);
    }
  }

  /** A window on a drawn local day of a drawn zone: mostly inside the day, sometimes over midnight. */
  function drawWindow(): { start: number; end: number } {
    const zone = pick(PLACES).timeZone;
    const day = pick(days).toZonedDateTime(zone);
    const start = day.add({ minutes: 15 * Math.floor(rand() * 96) });
    const end = start.add({ minutes: 15 * (1 + Math.floor(rand() * 16)) });
    return { start: start.epochMilliseconds, end: end.epochMilliseconds };
  }

  async function addBooking(): Promise<void> {
    const space = pick(spaces);
    const w = drawWindow();
    const status = pick(['confirmed', 'confirmed', 'pending', 'cancelled'] as const);
    await insertBooking(t.db, {
      spaceId: space.id,
      organisationId,
      status,
      start: new Date(w.start).toISOString(),
      end: new Date(w.end).toISOString(),
    }).then(
      () => bookings.push({ spaceId: space.id, ...w, active: status !== 'cancelled' }),
      // Two active bookings of a space may not overlap (the exclusion constraint): draw another time.
      (err: Error) => expect(err.message).toMatch(/exclusion|conflicting key/),
    );
  }

  function expected(w: { start: number; end: number }): string[] {
    return spaces
      .filter((space) => space.status === 'published')
      .filter((space) => {
        const { open } = siteDays(
          {
            timeZone: space.site.timeZone,
            departementCode: space.site.departementCode,
            openingHours: space.ownHours ?? space.site.hours,
            closures: space.site.closures,
            holidayOpenings: space.site.holidayOpenings,
          },
          w,
        );
        return open.some((o) => contains(o, w));
      })
      .filter(
        (space) =>
          !bookings.some((b) => b.active && b.spaceId === space.id && b.start < w.end && w.start < b.end),
      )
      .map((space) => space.id)
      .sort();
  }

  async function found(w: { start: number; end: number }): Promise<string[]> {
    const qs = `region=${REGION}&from=${encodeURIComponent(new Date(w.start).toISOString())}&to=${encodeURIComponent(new Date(w.end).toISOString())}&limit=200`;
    const page = SpacePage.parse(await jsonOf(await fetch(api(`/spaces?${qs}`))));
    expect(page.nextCursor).toBeNull();
    return page.items.map((s) => s.id).sort();
  }

  async function compare(windows: number): Promise<number> {
    let nonEmpty = 0;
    for (let i = 0; i < windows; i++) {
      const w = drawWindow();
      const want = expected(w);
      expect({ window: [new Date(w.start), new Date(w.end)], ids: await found(w) }).toEqual({
        window: [new Date(w.start), new Date(w.end)],
        ids: want,
      });
      if (want.length > 0) nonEmpty++;
    }
    return nonEmpty;
  }

  beforeAll(async () => {
    organisationId = await createOrganisation(t.db);
    for (let i = 0; i < 14; i++) await addSite();
    for (const site of sites) {
      if (rand() < 0.4) await addClosure(site);
      if (rand() < 0.5) await addHolidayOpening(site);
    }
    for (let i = 0; i < 60; i++) await addBooking();
  });

  it('on the data as drawn', async () => {
    // Not vacuous: many windows find spaces, many find none.
    expect(await compare(150)).toBeGreaterThan(20);
  });

  it('right after each change of hours, closures, holiday openings, bookings or status', async () => {
    for (let round = 0; round < 12; round++) {
      const change = round % 5;
      if (change === 0) await changeHours(pick(spaces));
      else if (change === 1) await addClosure(pick(sites));
      else if (change === 2) await addHolidayOpening(pick(sites));
      else if (change === 3) for (let i = 0; i < 5; i++) await addBooking();
      else {
        const space = pick(spaces);
        space.status = space.status === 'published' ? 'archived' : 'published';
        await t.db.query(`UPDATE spaces SET status = $2 WHERE id = $1`, [space.id, space.status]);
      }
      await compare(15);
    }
  });
});
