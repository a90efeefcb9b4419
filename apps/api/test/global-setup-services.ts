import { makeServicesTemplate } from './test-databases';

/** Once per run: the migrated database that every worker's database is created from. */
export default makeServicesTemplate;
