import { makeEmbeddedTemplate } from './test-databases';

/** Once per run: the migrated data folder that every embedded boot copies. */
export default makeEmbeddedTemplate;
