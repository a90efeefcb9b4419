import { configureZod, z } from '@lieux/contracts';

// Pages load on demand, and a form's chunk may be the first to use zod: its settings (French messages, no
// eval under the Content-Security-Policy) come with it from here.
configureZod();

export { z };
