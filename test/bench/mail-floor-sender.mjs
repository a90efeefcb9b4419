// One sender of notifications.mjs's floor phase: a booking confirmation written by the API's own code
// (`bookingEmail`) and sent through its own mailer (the pooled SMTP transport of a worker), `count` times,
// `concurrency` at a time, with no database and no queue. Stays up once done, so that its CPU can still be
// read, until the bench stops it.
//   node mail-floor-sender.mjs <dist dir> <smtp url> <count> <concurrency> <name>
import { createRequire } from 'node:module';
import path from 'node:path';
import { setInterval } from 'node:timers';

const require = createRequire(import.meta.url);
const [dist, smtpUrl, countArg, concurrencyArg, name] = process.argv.slice(2);
const { createMailer } = require(path.join(dist, 'notifications/mailer.js'));
const { bookingEmail } = require(path.join(dist, 'notifications/booking-email.js'));

const FROM = 'Lieux Partagés <ne-pas-repondre@lieux-partages.fr>';
const PUBLIC_URL = 'https://lieux-partages.fr';
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const mailer = createMailer(smtpUrl, '');

/** What the processor reads for a free booking confirmed at once (`MailFactsRepository.booking`). */
function facts(i) {
  const start = new Date(Date.UTC(2027, 2, 1 + (i % 28), 8 + (i % 9)));
  return {
    bookingId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    status: 'confirmed',
    title: 'Atelier numérique pour les seniors',
    attendees: 12,
    start,
    end: new Date(start.getTime() + 2 * 3_600_000),
    priceCents: 0,
    spaceName: 'Salle du premier étage',
    siteName: 'Bureau de poste de Montpellier Comédie',
    address: '13 place de la Comédie',
    postcode: '34000',
    commune: 'Montpellier',
    timeZone: 'Europe/Paris',
    recipientEmail: `membre-${i}@association.example.org`,
    recipientName: 'Camille Martin',
    sequence: 0,
    reason: null,
    organisationName: 'Association Bench',
    lateCancellation: false,
    seriesId: null,
    originalStart: null,
    bookingStatus: 'confirmed',
    access: {
      floor: '1er étage',
      entrance: 'Porte latérale, rue de la Loge',
      method: 'badge',
      instructions: 'Le badge est remis au guichet sur présentation de la confirmation.',
      siteNotes: 'Merci de laisser la salle rangée.',
      contact: { name: 'Dominique Petit', phone: '04 67 00 00 00', email: 'site@laposte.example.fr' },
    },
    receipt: null,
  };
}

let next = 0;
async function lane() {
  while (next < count) {
    const i = next++;
    const messageId = `<floor-${name}-${i}@lieux-partages.fr>`;
    await mailer.send({ ...bookingEmail(facts(i), FROM, PUBLIC_URL, messageId), from: FROM, messageId });
  }
}

await Promise.all(Array.from({ length: concurrency }, lane));
process.once('SIGTERM', () => {
  mailer.close();
  process.exit(0);
});
setInterval(() => undefined, 60_000);
