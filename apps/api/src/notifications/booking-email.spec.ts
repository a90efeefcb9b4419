import ICAL from 'ical.js';
import { bookingEmail, type BookingMailFacts } from './booking-email';

const facts: BookingMailFacts = {
  bookingId: '6f1c7a9e-2b0d-4a8e-9d43-3c1f5b2a7e10',
  status: 'confirmed',
  title: 'Permanence emploi',
  attendees: 4,
  // 29 March 2026 is the spring change: 09:00 Paris is 07:00 UTC the next day.
  start: new Date('2026-03-30T07:00:00Z'),
  end: new Date('2026-03-30T09:30:00Z'),
  priceCents: 1250,
  spaceName: 'Salle Garrigue',
  siteName: 'La Poste Montpellier Rondelet',
  address: '13 place Rondelet',
  postcode: '34000',
  commune: 'Montpellier',
  timeZone: 'Europe/Paris',
  recipientEmail: 'camille@example.org',
  recipientName: 'Camille Martin',
};

describe('booking e-mail', () => {
  const mail = bookingEmail(
    facts,
    'Lieux Partagés <ne-pas-repondre@lieux-partages.fr>',
    'https://lieux.example',
    '<m@x>',
  );

  it('speaks French with the site’s local time and French money', () => {
    expect(mail.subject).toBe('Réservation confirmée : Salle Garrigue, lundi 30 mars 2026');
    expect(mail.text).toContain('lundi 30 mars 2026, de 9 h 00 à 11 h 30');
    expect(String(mail.text).replace(/[\u00a0\u202f]/g, ' ')).toContain('Prix : 12,50 €');
  });

  it('carries an iCalendar REQUEST whose event is the booking', () => {
    const ics = (mail.icalEvent as { content: string; method: string }).content;
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${facts.bookingId}@lieux-partages.fr`);
    expect(event.startDate.toJSDate()).toEqual(facts.start);
    expect(event.endDate.toJSDate()).toEqual(facts.end);
    expect(String(event.attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:camille@example.org');
  });

  it('tells a pending request apart from a confirmation', () => {
    const pending = bookingEmail({ ...facts, status: 'pending' }, 'x@y.fr', 'https://lieux.example', '<m@x>');
    expect(pending.subject).toMatch(/^Demande de réservation reçue/);
  });
});

describe('booking e-mails after a change', () => {
  const from = 'Lieux Partagés <ne-pas-repondre@lieux-partages.fr>';
  const calendar = (mail: ReturnType<typeof bookingEmail>) => {
    const ics = (mail.icalEvent as { content: string }).content;
    const cal = new ICAL.Component(ICAL.parse(ics));
    return { cal, event: new ICAL.Event(cal.getFirstSubcomponent('vevent')!) };
  };

  it('cancels the invite: METHOD:CANCEL, same UID, the sequence it is given, STATUS:CANCELLED', () => {
    const mail = bookingEmail(
      { ...facts, status: 'cancelled', sequence: 2, reason: 'Travaux' },
      from,
      'https://x',
      '<m>',
    );
    const { cal, event } = calendar(mail);
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe(`${facts.bookingId}@lieux-partages.fr`);
    expect(event.sequence).toBe(2);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(mail.subject).toBe('Réservation annulée : Salle Garrigue, lundi 30 mars 2026');
    expect(mail.text).toContain('Motif : Travaux');
  });

  it('warns of a late cancellation', () => {
    const mail = bookingEmail(
      { ...facts, status: 'cancelled', lateCancellation: true },
      from,
      'https://x',
      '<m>',
    );
    expect(mail.text).toContain('moins de 24 heures avant son début');
  });

  it('sends the managers a link to their queue, without an invite', () => {
    const mail = bookingEmail(
      { ...facts, status: 'request', organisationName: 'Les Jardins' },
      from,
      'https://x',
      '<m>',
    );
    expect(mail.text).toContain('Les Jardins demande à réserver');
    expect(mail.text).toContain('https://x/demandes');
    expect(mail.icalEvent).toBeUndefined();
  });

  it('reminds the day before with the site’s local time and a cancel link', () => {
    const mail = bookingEmail({ ...facts, status: 'reminder' }, from, 'https://x', '<m>');
    expect(mail.subject).toBe('Rappel de votre réservation de demain : Salle Garrigue, lundi 30 mars 2026');
    expect(mail.text).toContain('de 9 h 00 à 11 h 30');
    expect(mail.text).toContain(`https://x/mes-reservations?annuler=${facts.bookingId}`);
  });

  it('tells a confirmed booking how to get in and whom to call, and a request nothing of it', () => {
    const access = {
      floor: '2e étage',
      entrance: 'Porte latérale, rue Durand',
      method: 'badge',
      instructions: 'Badge à retirer au guichet 3.',
      siteNotes: '',
      contact: { name: 'Nadia Benali', phone: '04 67 00 00 00', email: '' },
    };
    const confirmed = bookingEmail({ ...facts, access }, from, 'https://x', '<m>');
    expect(confirmed.text).toContain(
      'Accès\nÉtage : 2e étage\nEntrée : Porte latérale, rue Durand\nPour entrer : badge\nBadge à retirer au guichet 3.\nContact sur place : Nadia Benali, 04 67 00 00 00',
    );
    const request = bookingEmail({ ...facts, status: 'request', access }, from, 'https://x', '<m>');
    expect(request.text).not.toContain('Porte latérale');
    const unsaid = bookingEmail(
      {
        ...facts,
        access: {
          ...access,
          floor: '',
          entrance: '',
          method: null,
          instructions: '',
          contact: { name: '', phone: '', email: '' },
        },
      },
      from,
      'https://x',
      '<m>',
    );
    expect(unsaid.text).not.toContain('Accès');
  });
});
