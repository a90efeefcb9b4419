import { InitialSchema1764201600000 } from './1764201600000-initial-schema';

/** In order. Listed rather than globbed so that a build or a test runner cannot miss one. */
export const MIGRATIONS = [InitialSchema1764201600000];
