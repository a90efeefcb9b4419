import { removeServicesRun } from './test-databases';

export default removeServicesRun;
