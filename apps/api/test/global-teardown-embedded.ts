import { removeEmbeddedTemplate } from './test-databases';

export default removeEmbeddedTemplate;
