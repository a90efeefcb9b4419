/**
 * The addresses of the projects' pages, all under `/projets` (one route of the router, whose pages come
 * in one chunk): the organisation's own or the delegate's région, a new one, the catalogue, one project.
 */
export const PROJECTS_PATH = '/projets';
export const NEW_PROJECT_PATH = '/projets/nouveau';
export const CATALOGUE_PATH = '/projets/a-essaimer';
export const projectPath = (id: string) => `/projets/${id}`;
export const editProjectPath = (id: string) => `/projets/${id}/modifier`;
