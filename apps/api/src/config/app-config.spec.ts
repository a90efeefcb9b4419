import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'lp-config-'));

describe('loadConfig', () => {
  it('leaves OpenID Connect off unless issuer, client id and secret are all set', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).oidc).toBeNull();
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'lp' }),
    ).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), OIDC_SCOPES: 'email profile' })).toThrow(
      /OIDC_SCOPES must include openid/,
    );
    expect(
      loadConfig({
        DATA_DIR: dataDir(),
        PUBLIC_URL: 'https://lieux.example/',
        OIDC_ISSUER: 'https://idp.example',
        OIDC_CLIENT_ID: 'lp',
        OIDC_CLIENT_SECRET: 's',
      }).oidc,
    ).toEqual({
      issuer: 'https://idp.example',
      clientId: 'lp',
      clientSecret: 's',
      scopes: 'openid email profile',
      roleClaim: 'lp_roles',
      redirectUri: 'https://lieux.example/api/v1/auth/oidc/callback',
    });
  });

  it('defaults to the embedded mode with demo data and a generated secret kept across restarts', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first).toMatchObject({
      mode: 'embedded',
      port: 3000,
      demoSeed: true,
      logFormat: 'pretty',
      publicUrl: 'http://localhost:3000',
    });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
  });

  it('switches to services mode with DATABASE_URL, where the secret is required and demo data off', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/app', DATA_DIR: dataDir() })).toThrow(
      /JWT_SECRET/,
    );
    const c = loadConfig({
      DATABASE_URL: 'postgres://db/app',
      JWT_SECRET: 'x'.repeat(32),
      DATA_DIR: dataDir(),
    });
    expect(c).toMatchObject({ mode: 'services', demoSeed: false, logFormat: 'json' });
  });

  it('lets a process leave its jobs to workers only where workers can take them: PostgreSQL and Redis', () => {
    const services = { DATABASE_URL: 'postgres://db/app', JWT_SECRET: 'x'.repeat(32), DATA_DIR: dataDir() };
    expect(loadConfig({ DATA_DIR: dataDir() }).runJobs).toBe(true);
    expect(() => loadConfig({ DATA_DIR: dataDir(), RUN_JOBS: 'false' })).toThrow(/RUN_JOBS/);
    expect(() => loadConfig({ ...services, RUN_JOBS: 'false' })).toThrow(/RUN_JOBS/);
    expect(loadConfig({ ...services, REDIS_URL: 'redis://127.0.0.1:6379', RUN_JOBS: 'false' }).runJobs).toBe(
      false,
    );
  });

  it('keeps every Redis key under one prefix, another one per test worker or installation sharing a Redis', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).redisPrefix).toBe('lieux');
    expect(loadConfig({ REDIS_PREFIX: 'lp-test-w2', DATA_DIR: dataDir() }).redisPrefix).toBe('lp-test-w2');
    expect(() => loadConfig({ REDIS_PREFIX: 'a b', DATA_DIR: dataDir() })).toThrow(/REDIS_PREFIX/);
  });

  it('takes a map tile template over https only, with its {z}, {x} and {y}', () => {
    const tiles =
      'https://data.geopf.fr/wmts?layer=PLAN.IGN&style=normal&tilematrix={z}&tilecol={x}&tilerow={y}';
    expect(loadConfig({ DATA_DIR: dataDir() }).mapStyleUrl).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), MAP_STYLE_URL: '' }).mapStyleUrl).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), MAP_STYLE_URL: tiles }).mapStyleUrl).toBe(tiles);
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), MAP_STYLE_URL: 'http://tiles.example.org/{z}/{x}/{y}.png' }),
    ).toThrow(/MAP_STYLE_URL: MAP_STYLE_URL must be an https:\/\/ URL/);
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), MAP_STYLE_URL: 'https://tiles.example.org/style.json' }),
    ).toThrow(/MAP_STYLE_URL: MAP_STYLE_URL must be a tile template holding \{z\}, \{x\} and \{y\}/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), MAP_STYLE_URL: 'not a url {z}{x}{y}' })).toThrow(
      /MAP_STYLE_URL/,
    );
  });

  it('names every variable that is wrong', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', DATA_DIR: dataDir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/PORT/);
    expect((error as Error).message).toMatch(/REDIS_URL: REDIS_URL must be a redis:\/\/ URL/);
  });

  it('trusts no proxy unless told, and reads a list of addresses and CIDRs', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustedProxies).toEqual([]);
    expect(
      loadConfig({ DATA_DIR: dataDir(), TRUSTED_PROXIES: ' 10.0.0.2, 172.18.0.0/16,::1 ' }).trustedProxies,
    ).toEqual(['10.0.0.2', '172.18.0.0/16', '::1']);
    expect(() => loadConfig({ DATA_DIR: dataDir(), TRUSTED_PROXIES: 'nginx' })).toThrow(/TRUSTED_PROXIES/);
  });
});
