/** The French addresses of the pages. */
export const paths = {
  home: '/',
  login: '/connexion',
  register: '/inscription',
  registered: '/inscription/en-attente',
  forgotPassword: '/mot-de-passe-oublie',
  newPassword: '/mot-de-passe/nouveau',
  invitation: '/invitation',
  spaces: '/espaces',
  space: (id: string) => `/espaces/${id}`,
  myBookings: '/mes-reservations',
  members: '/organisation/membres',
  integrations: '/organisation/integrations',
  verifications: '/verifications',
  account: '/compte',
  adminAccounts: '/admin/comptes',
  adminAudit: '/admin/journal',
  adminQuotas: '/admin/quotas',
  manage: '/gestion',
  manageSite: (id: string) => `/gestion/sites/${id}`,
  newSpace: (siteId: string) => `/gestion/sites/${siteId}/nouvel-espace`,
  editSpace: (id: string) => `/gestion/espaces/${id}`,
  /** A space's printable door page, with the QR code of its check-in. */
  doorPage: (id: string) => `/gestion/espaces/${id}/porte`,
  /** What the door's QR code opens: the signed-in member checks in their booking now in this space. */
  checkIn: (spaceId: string) => `/arrivee/${spaceId}`,
  manageRequests: '/demandes',
  waitlist: '/liste-attente',
  waitlistOffer: (id: string) => `/liste-attente/${id}`,
  reports: '/rapports',
  /** A site manager's day: requests waiting and today's bookings. */
  today: '/aujourdhui',
  /** A delegate's région: verifications waiting and its figures. */
  region: '/ma-region',
  /** An organisation's projects, or a delegate's région's (issue 15: features/projects/paths.ts). */
  projects: '/projets',
  /** An organisation's needs: declared, matched to spaces, booked. */
  needs: '/besoins',
  newNeed: '/besoins/nouveau',
  need: (id: string) => `/besoins/${id}`,
  editNeed: (id: string) => `/besoins/${id}/modifier`,
  /** Open needs no space meets, on a map and in a table (delegates, admins). */
  unmetDemand: '/rapports/demande-non-satisfaite',
} as const;
