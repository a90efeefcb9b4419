export * from './periods';
export * from './opening-hours';
export * from './policy';
export * from './format';
export * from './site-calendar';
export * from './holidays';
export * from './occupancy';
