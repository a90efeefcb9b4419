import type { Role, User } from '@lieux/contracts';
import { paths } from './paths';

/** A person's daily work, by role: where signing in and the header's main link take them. */
export interface Work {
  key: 'today' | 'region' | 'console' | 'search';
  path: string;
}

/** The order decides who lands where: the most time-bound work first (today's bookings wait least). */
const WORKS: readonly (Work & { roles: readonly Role[] })[] = [
  { key: 'today', path: paths.today, roles: ['site_manager'] },
  { key: 'region', path: paths.region, roles: ['delegate'] },
  { key: 'console', path: paths.adminAccounts, roles: ['admin'] },
  { key: 'search', path: paths.spaces, roles: ['member', 'org_admin'] },
];

/** Every work the person's roles give, the first being where they land; members and visitors search. */
export function worksOf(user: User | undefined): Work[] {
  const held = new Set(user?.roles.map((r) => r.role));
  const works = WORKS.filter((w) => w.roles.some((r) => held.has(r))).map(({ key, path }) => ({ key, path }));
  return works.length ? works : [{ key: 'search', path: paths.spaces }];
}

export const workHome = (user: User | undefined): string => worksOf(user)[0].path;
