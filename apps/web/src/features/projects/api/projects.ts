import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ROUTES,
  type AcceptReplicationRequest,
  type CaseSheetInput,
  type CreateProjectReportRequest,
  type CreateProjectRequest,
  type LinkProjectRequest,
  type Project,
  type ProjectListQuery,
  type ReplicableQuery,
  type UpdateProjectRequest,
} from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';
import { PROJECTS_QUERY_KEY } from '../../../api/projects';

type ListFilters = Partial<Pick<ProjectListQuery, 'theme' | 'departement' | 'region' | 'replication'>>;
type CatalogueFilters = Partial<Pick<ReplicableQuery, 'theme' | 'kind' | 'q'>>;

const projectKey = (id: string) => [...PROJECTS_QUERY_KEY, 'one', id] as const;

/** Projects the caller may see (own, région's, all), filtered; the first 200. */
export function useProjects(filters: ListFilters, enabled = true) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'list', filters],
    queryFn: () => call(ROUTES.listProjects, { query: { ...filters, limit: 200 } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The national catalogue "à essaimer": shared ones for the staff, public ones for everybody else. */
export function useReplicableProjects(filters: CatalogueFilters) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'replicable', filters],
    queryFn: () => call(ROUTES.replicableProjects, { query: { ...filters, limit: 200 } }),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKey(id ?? ''),
    queryFn: () => call(ROUTES.getProject, { params: { id: id! } }),
    enabled: !!id,
  });
}

/** After any change of a project: it, and every list it may be in, anew. */
function useProjectChange<I>(send: (input: I) => Promise<Project>, onDone?: (p: Project) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKey(project.id), (old: Project | undefined) => ({
        ...project,
        reports: project.reports ?? old?.reports,
      }));
      void queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY });
      onDone?.(project);
    },
  });
}

export const useCreateProject = (onDone?: (p: Project) => void) =>
  useProjectChange((body: CreateProjectRequest) => call(ROUTES.createProject, { body }), onDone);

export const useUpdateProject = (id: string, onDone?: (p: Project) => void) =>
  useProjectChange(
    (body: UpdateProjectRequest) => call(ROUTES.updateProject, { params: { id }, body }),
    onDone,
  );

export const useReplicateProject = (id: string, onDone?: (p: Project) => void) =>
  useProjectChange((body: CaseSheetInput) => call(ROUTES.replicateProject, { params: { id }, body }), onDone);

export const useAcceptReplication = (id: string, onDone?: (p: Project) => void) =>
  useProjectChange(
    (body: AcceptReplicationRequest) => call(ROUTES.acceptReplication, { params: { id }, body }),
    onDone,
  );

export const useDeclineReplication = (id: string, onDone?: (p: Project) => void) =>
  useProjectChange(() => call(ROUTES.declineReplication, { params: { id } }), onDone);

/** A light report on a project: its page and lists (figures) and the bookings (reported or not) anew. */
export function useCreateProjectReport(onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: CreateProjectReportRequest }) =>
      call(ROUTES.createProjectReport, { params: { id: projectId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY });
      onDone?.();
    },
  });
}

/** Links a booking, a series or a need of the organisation to one of its projects. */
export function useLinkProject(onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: LinkProjectRequest }) =>
      call(ROUTES.linkProject, { params: { id: projectId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY });
      onDone?.();
    },
  });
}

/** The spaces of a région that would fit a shared project's case sheet. */
export function useFittingSpaces(id: string, region: string | null) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'fitting', id, region],
    queryFn: () => call(ROUTES.fittingSpaces, { params: { id }, query: { region: region! } }),
    enabled: region !== null,
  });
}

/** The départements of a région, for the filters. */
export function useDepartements(region: string | null) {
  return useQuery({
    queryKey: ['departements', region],
    queryFn: () => call(ROUTES.regionDepartements, { params: { code: region! } }),
    enabled: region !== null,
    staleTime: Infinity,
  });
}

/** The régions, for an admin's choice. */
export function useRegionList(enabled = true) {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => call(ROUTES.regions),
    enabled,
    staleTime: Infinity,
  });
}
