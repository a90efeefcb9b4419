import ICAL from 'ical.js';
import { bookingEmail, type BookingMailFacts } from './booking-email';
import { calendarName } from './calendar-name';

const facts: BookingMailFacts = {
  bookingId: '6f1c7a9e-2b0d-4a8e-9d43-3c1f5b2a7e10',
  status: 'confirmed',
  title: 'Permanence emploi',
  attendees: 4,
  start: new Date('2026-03-30T07:00:00Z'),
  end: new Date('2026-03-30T09:30:00Z'),
  priceCents: 1250,
  spaceName: 'Salle Garrigue',
  siteName: 'La Poste Montpellier Rondelet',
  address: '13 place Rondelet',
  postcode: '34000',
  commune: 'Montpellier',
  timeZone: 'Europe/Paris',
  recipientEmail: 'obrien@example.org',
  recipientName: 'O\'Brien "Le Boss"; Test:\nX',
};

describe('names in an invitation', () => {
  it('keep ATTENDEE a single well-formed line whatever the name holds', () => {
    const mail = bookingEmail(
      facts,
      'Lieux Partagés <ne-pas-repondre@lieux-partages.fr>',
      'https://x',
      '<m@x>',
    );
    const ics = (mail.icalEvent as { content: string }).content;
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    const [attendee] = event.getAllProperties('attendee');
    expect(attendee.getParameter('cn')).toBe("O'Brien 'Le Boss'; Test: X");
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:obrien@example.org');
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED');
    expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Lieux Partagés');
    // Each line of the calendar is a property or a folded continuation: nothing leaked out of the CN.
    for (const line of ics.split('\r\n').filter(Boolean)) expect(line).toMatch(/^([A-Z-]+[;:]| )/);
  });

  it.each([
    ['Camille Martin', 'Camille Martin'],
    ['Dupont, Jean; Asso: "Les Amis"', "Dupont, Jean; Asso: 'Les Amis'"],
    ['A\r\nB\tC\u0000D\\E', 'A B C D E'],
  ])('%j becomes %j', (name, cn) => {
    expect(calendarName(name)).toBe(cn);
  });
});
