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
