import {
  AUDIT_ACTIONS,
  auditActionLabel,
  auditSubjectLabel,
  describeAuditChanges,
  periodLabel,
} from './audit-format';

const subject = {
  name: null,
  email: null,
  siteId: null,
  siteName: 'Poste Capitole',
  spaceId: null,
  spaceName: 'Salle Garonne',
  start: '2026-12-10T08:00:00Z',
  end: '2026-12-10T10:00:00Z',
  timeZone: 'Europe/Paris',
};

describe('audit in words', () => {
  it('names a policy change field by field, with durations people read', () => {
    const before = { minNoticeMinutes: 1440, horizonDays: 90, approvalRequired: false, slotStepMinutes: 30 };
    const after = { minNoticeMinutes: 2880, horizonDays: 90, approvalRequired: true, slotStepMinutes: 30 };
    expect(describeAuditChanges('space', 'updated', { policy: [before, after] }, 'fr')).toEqual([
      'Délai de prévenance : 24 h → 48 h',
      'Validation par le gestionnaire : non → oui',
    ]);
    expect(describeAuditChanges('space', 'updated', { policy: [before, after] }, 'en')).toEqual([
      'Notice: 24 h → 48 h',
      'Manager’s approval: no → yes',
    ]);
  });

  it('writes money, minutes under an hour and statuses in words', () => {
    expect(
      describeAuditChanges(
        'space',
        'updated',
        { price: [{ hourlyRateCents: 1200 }, { hourlyRateCents: 1550 }], bufferAfterMinutes: [0, 90] },
        'fr',
      ).map((l) => l.replace(/\u202f|\u00a0/g, ' ')),
    ).toEqual(['Tarif horaire : 12,00 € → 15,50 €', 'Battement après : 0 min → 1 h 30']);
    expect(
      describeAuditChanges(
        'booking',
        'cancel',
        { status: ['confirmed', 'cancelled'], reason: 'Travaux' },
        'fr',
      ),
    ).toEqual(['État : confirmée → annulée', 'Motif : Travaux']);
  });

  it('says a booking moved and its people changed, pair by pair', () => {
    expect(auditActionLabel('booking', 'changed', 'fr')).toBe('Réservation modifiée');
    const lines = describeAuditChanges(
      'booking',
      'changed',
      { attendees: [4, 6], priceCents: [1000, 1500] },
      'fr',
    ).map((l) => l.replace(/\u202f|\u00a0/g, ' '));
    expect(lines).toEqual(['Participants : 4 → 6', 'Prix : 10,00 € → 15,00 €']);
  });

  it('names the ids and régions it is given, and keeps an unknown id short', () => {
    const site = '6f1c2d3e-0000-4000-8000-000000000001';
    const other = 'abcdef12-0000-4000-8000-000000000002';
    const names = { [site]: 'Poste Capitole', 'region:76': 'Occitanie' };
    expect(
      describeAuditChanges(
        'user',
        'roles_changed',
        {
          roles: [
            [{ role: 'delegate', siteId: null, regionCode: '76' }],
            [
              { role: 'site_manager', siteId: site, regionCode: null },
              { role: 'site_manager', siteId: other, regionCode: null },
            ],
          ],
        },
        'fr',
        names,
      ),
    ).toEqual([
      'Rôles : délégué régional (Occitanie) → gestionnaire de site (Poste Capitole), gestionnaire de site (abcdef12)',
    ]);
    expect(
      describeAuditChanges('user', 'role_granted', { role: 'site_manager', siteIds: [site] }, 'fr', names),
    ).toEqual(['Rôle : gestionnaire de site', 'Sites gérés : Poste Capitole']);
  });

  it('says weekly hours and days plainly, and hides technical ids', () => {
    expect(
      describeAuditChanges(
        'site',
        'opening_hours_set',
        {
          openingHours: [
            [{ weekday: 1, opens: '09:00', closes: '17:00' }],
            [
              { weekday: 1, opens: '08:00', closes: '18:00' },
              { weekday: 6, opens: '09:00', closes: '12:00' },
            ],
          ],
        },
        'fr',
      ),
    ).toEqual(['Horaires : lun. 09:00–17:00 → lun. 08:00–18:00, sam. 09:00–12:00']);
    expect(
      describeAuditChanges('site', 'closure_added', { startsOn: '2031-08-01', endsOn: '2031-08-15' }, 'fr'),
    ).toEqual(['Du : 1 août 2031', 'Au : 15 août 2031']);
    expect(describeAuditChanges('user', 'session_reuse_detected', { sessionId: 'x' }, 'fr')).toEqual([]);
    expect(describeAuditChanges('user', 'signed_in', { address: 'a1b2' }, 'fr')).toEqual([
      'Adresse IP (pseudonyme) : a1b2',
    ]);
  });

  it('translates every action it lists, and keeps the code of one it does not know', () => {
    for (const [key, words] of Object.entries(AUDIT_ACTIONS)) {
      expect([key, words.fr.length > 0 && words.en.length > 0]).toEqual([key, true]);
    }
    expect(auditActionLabel('booking', 'cancel', 'fr')).toBe('Réservation annulée');
    expect(auditActionLabel('booking', 'teleported', 'fr')).toBe('teleported');
  });

  it('names a booking by its space, site and period in the site’s zone', () => {
    expect(auditSubjectLabel('booking', subject, 'fr')).toBe(
      'Salle Garonne · Poste Capitole, 10 déc. 2026, 9 h–11 h',
    );
    expect(periodLabel('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', 'Europe/Paris', 'fr')).toBe(
      '29 mars 2026, 1 h 30–3 h 30',
    );
    expect(auditSubjectLabel('user', { ...subject, name: 'Léa Petit', email: 'lea@example.org' }, 'fr')).toBe(
      'Léa Petit (lea@example.org)',
    );
  });
});
