import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type CreateSpaceRequest, type Space, type UpdateSpaceRequest } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export function getSiteSpaces(siteId: string) {
  return call(ROUTES.listSiteSpaces, { params: { id: siteId } });
}

export const siteSpacesKey = (siteId: string) => ['sites', 'spaces', siteId] as const;

export const siteSpacesQueryOptions = (siteId: string) =>
  queryOptions({ queryKey: siteSpacesKey(siteId), queryFn: () => getSiteSpaces(siteId) });

/** Every space of a site, drafts and archived ones included, with how to get into each. */
export function useSiteSpaces(siteId: string | undefined) {
  return useQuery({ ...siteSpacesQueryOptions(siteId ?? ''), enabled: siteId !== undefined });
}

/** After any change of a space: its site's list, its page and the searches. */
function useForgetSpace() {
  const queryClient = useQueryClient();
  return (space: Space) => {
    queryClient.setQueryData(['spaces', 'detail', space.id], space);
    void queryClient.invalidateQueries({ queryKey: siteSpacesKey(space.site.id) });
    void queryClient.invalidateQueries({ queryKey: ['spaces', 'search'] });
    void queryClient.invalidateQueries({ queryKey: ['spaces', 'list'] });
  };
}

export function createSpace({ siteId, input }: { siteId: string; input: CreateSpaceRequest }) {
  return call(ROUTES.createSpace, { params: { id: siteId }, body: input });
}

/** Adds a space to a site, as a draft. */
export function useCreateSpace(options: { onSuccess?: (s: Space) => void } = {}) {
  const forget = useForgetSpace();
  return useMutation({
    mutationFn: createSpace,
    onSuccess: (space) => {
      forget(space);
      options.onSuccess?.(space);
    },
  });
}

export function updateSpace({ spaceId, input }: { spaceId: string; input: UpdateSpaceRequest }) {
  return call(ROUTES.updateSpace, { params: { id: spaceId }, body: input });
}

/** Changes a space, its booking policy or its price. */
export function useUpdateSpace(options: { onSuccess?: (s: Space) => void } = {}) {
  const forget = useForgetSpace();
  return useMutation({
    mutationFn: updateSpace,
    onSuccess: (space) => {
      forget(space);
      options.onSuccess?.(space);
    },
  });
}

export type SpaceTransition = 'publish' | 'archive';

export function moveSpace({ spaceId, to }: { spaceId: string; to: SpaceTransition }) {
  return call(to === 'publish' ? ROUTES.publishSpace : ROUTES.archiveSpace, { params: { id: spaceId } });
}

/** Publishes or archives a space (422 SPACE_NOT_BOOKABLE without opening hours, 409 when already done). */
export function useMoveSpace(
  siteId: string,
  options: {
    onSuccess?: (s: Space, to: SpaceTransition) => void;
    onError?: (e: Error, v: { spaceId: string; to: SpaceTransition }) => void;
  } = {},
) {
  const forget = useForgetSpace();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveSpace,
    onSuccess: (space, { to }) => {
      forget(space);
      options.onSuccess?.(space, to);
    },
    onError: (error, v) => {
      // Someone else did it first: the list shows the space as it is now.
      void queryClient.invalidateQueries({ queryKey: siteSpacesKey(siteId) });
      options.onError?.(error, v);
    },
  });
}

/** Gives a space weekly hours of its own, or (`null`) lets it follow its site's again. */
export function setSpaceHours({
  spaceId,
  hours,
}: {
  spaceId: string;
  hours: Space['openingHours'] | null;
}): Promise<Space> {
  return hours === null
    ? call(ROUTES.clearSpaceOpeningHours, { params: { id: spaceId } })
    : call(ROUTES.setSpaceOpeningHours, { params: { id: spaceId }, body: hours });
}

export function useSetSpaceHours() {
  const forget = useForgetSpace();
  return useMutation({ mutationFn: setSpaceHours, onSuccess: forget });
}
