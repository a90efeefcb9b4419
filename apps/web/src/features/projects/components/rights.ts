import type { Project, User } from '@lieux/contracts';

const holds = (user: User | undefined, ...roles: string[]) =>
  !!user?.roles.some((r) => roles.includes(r.role));

/**
 * What a person may do with a project, as the API decides it: its organisation changes it, links and
 * reports, and answers the case sheet; a delegate of its région (or an admin) proposes the sheet; the
 * staff see the spaces that would fit a shared one.
 */
export function rightsOf(user: User | undefined, p: Pick<Project, 'organisationId' | 'territory'>) {
  const owner =
    !!user?.organisation && user.organisation.id === p.organisationId && holds(user, 'member', 'org_admin');
  const admin = holds(user, 'admin');
  const delegateRegion = user?.roles.find((r) => r.role === 'delegate')?.regionCode ?? null;
  return {
    owner,
    staff: admin || delegateRegion !== null,
    admin,
    delegateRegion,
    canPropose: admin || (delegateRegion !== null && delegateRegion === p.territory.regionCode),
  };
}

export type ProjectRights = ReturnType<typeof rightsOf>;
