/** The French addresses of the pages. */
export const paths = {
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
  verifications: '/verifications',
  account: '/compte',
  adminAccounts: '/admin/comptes',
  adminAudit: '/admin/journal',
} as const;
