import { NestFactory, ModulesContainer } from '@nestjs/core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Booking, BookingPage, Health, ROUTES, fullPath } from '@lieux/contracts';
import { AppModule } from '../src/app.module';
import { ROUTE_CONTRACT } from '../src/http/endpoint.decorator';
import { createMember, createOrganisation, createSpace, jsonOf, login, postJson, slot } from './fixtures';
import { MODE, startApp, waitFor, type TestApp } from './harness';

describe(`platform (${MODE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t?.close());

  it('reports its health', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(Health.parse(await jsonOf(res))).toEqual({
      status: 'ok',
      mode: MODE,
      checks: { database: { status: 'up' }, queue: { status: 'up' } },
    });
  });

  it('serves an OpenAPI document that validates and describes every route', async () => {
    const doc = await jsonOf(await fetch(`${t.url}/api/docs-json`));
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const r of Object.values(ROUTES)) expect(doc.paths[fullPath(r)][r.method]).toBeDefined();
    expect((await fetch(`${t.url}/api/docs`)).status).toBe(200);
  });

  it('binds every HTTP handler to a contract that says who may call it, and every contract to a handler', () => {
    const bound = new Set<unknown>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const proto = Object.getPrototypeOf(wrapper.instance);
        for (const name of Object.getOwnPropertyNames(proto)) {
          if (name === 'constructor') continue;
          const handler = proto[name];
          if (Reflect.getMetadata('path', handler) === undefined) continue;
          const contract = Reflect.getMetadata(ROUTE_CONTRACT, handler);
          expect({ handler: `${wrapper.name}.${name}`, declared: contract?.access !== undefined }).toEqual({
            handler: `${wrapper.name}.${name}`,
            declared: true,
          });
          bound.add(contract);
        }
      }
    }
    for (const [name, contract] of Object.entries(ROUTES))
      expect({ name, bound: bound.has(contract) }).toEqual({ name, bound: true });
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const res = await fetch(`${t.url}/api/v1/nulle-part`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

(MODE === 'embedded' ? describe : describe.skip)('embedded data (embedded)', () => {
  it('survive a restart', async () => {
    const first = await startApp();
    const dataDir = first.config.dataDir;
    const org = await createOrganisation(first.db);
    const member = await createMember(first.db, org);
    const spaceId = await createSpace(first.db);
    const res = await postJson(`${first.url}/api/v1/bookings`, await login(first.url, member.email), {
      spaceId,
      ...slot(3),
      title: 'Toujours là',
      attendees: 2,
    });
    const booking = Booking.parse(await jsonOf(res));
    await first.close();

    const second = await startApp({ dataDir });
    try {
      const token = await login(second.url, member.email);
      const page = BookingPage.parse(
        await jsonOf(
          await fetch(`${second.url}/api/v1/bookings?mine=true`, {
            headers: { authorization: `Bearer ${token}` },
          }),
        ),
      );
      expect(page.items.map((b) => b.id)).toEqual([booking.id]);
    } finally {
      await second.close();
    }
  });
});

(MODE === 'services' ? describe : describe.skip)('worker processes (services)', () => {
  it('deliver the e-mails of an API that runs no jobs itself', async () => {
    const api = await startApp({ env: { RUN_JOBS: 'false' } });
    const worker = await NestFactory.createApplicationContext(AppModule.forWorker(api.config), {
      logger: false,
    });
    await worker.init();
    try {
      const org = await createOrganisation(api.db);
      const member = await createMember(api.db, org);
      const spaceId = await createSpace(api.db);
      const res = await postJson(`${api.url}/api/v1/bookings`, await login(api.url, member.email), {
        spaceId,
        ...slot(5),
        title: 'Par le worker',
        attendees: 2,
      });
      const booking = Booking.parse(await jsonOf(res));
      await waitFor('the worker', async () => {
        const rows = await api.db.query(
          `SELECT 1 FROM notification_deliveries d JOIN outbox o ON o.id = d.event_id WHERE o.payload->>'bookingId' = $1`,
          [booking.id],
        );
        return rows.length === 1;
      });
    } finally {
      await worker.close();
      await api.close();
    }
  });
});
