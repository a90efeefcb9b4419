import { vtimezone } from './vtimezone';

describe('vtimezone', () => {
  it('writes the offset in force and each change of Paris time, at its wall-clock instant', () => {
    const text = vtimezone(
      'Europe/Paris',
      Date.parse('2027-01-10T00:00:00Z'),
      Date.parse('2027-12-20T00:00:00Z'),
    );
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Paris',
      'BEGIN:STANDARD',
      'DTSTART:20270109T010000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20270328T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20271031T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('writes one observance for a zone without daylight-saving time', () => {
    const text = vtimezone(
      'Indian/Reunion',
      Date.parse('2027-01-10T00:00:00Z'),
      Date.parse('2027-12-20T00:00:00Z'),
    );
    expect(text).toContain('TZOFFSETFROM:+0400\r\nTZOFFSETTO:+0400');
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1);
  });
});
