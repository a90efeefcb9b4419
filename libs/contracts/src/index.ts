export * from './common';
export * from './auth';
export * from './spaces';
export * from './bookings';
export * from './health';
export * from './errors';
export * from './routes';
export * from './openapi';
