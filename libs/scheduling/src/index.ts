export * from './periods';
export * from './opening-hours';
export * from './policy';
