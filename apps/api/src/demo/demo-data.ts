import type { WeeklyWindow } from '@lieux/scheduling';
import type { SpaceKind } from '@lieux/contracts';

/** Demo content: real-looking La Poste sites of Occitanie (région 76) and two ESS organisations. */

const weekdays = (windows: [string, string][], days = [1, 2, 3, 4, 5]): WeeklyWindow[] =>
  days.flatMap((weekday) => windows.map(([opens, closes]) => ({ weekday, opens, closes })));

const OFFICE_HOURS = weekdays([
  ['09:00', '12:30'],
  ['13:30', '18:00'],
]);

export interface DemoSpace {
  key: string;
  name: string;
  kind: SpaceKind;
  areaSqm: number;
  capacity: number;
  equipment: string[];
  stepFree: boolean;
  description: string;
  hourlyRateCents: number;
  approvalRequired?: boolean;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
}

export interface DemoSite {
  key: string;
  name: string;
  address: string;
  postcode: string;
  commune: string;
  communeCode: string;
  departementCode: string;
  latitude: number;
  longitude: number;
  openingHours: WeeklyWindow[];
  spaces: DemoSpace[];
}

export const DEMO_REGION = '76';

export const DEMO_SITES: DemoSite[] = [
  {
    key: 'montpellier',
    name: 'La Poste Montpellier Rondelet',
    address: '13 place Rondelet',
    postcode: '34000',
    commune: 'Montpellier',
    communeCode: '34172',
    departementCode: '34',
    latitude: 43.6045,
    longitude: 3.8775,
    openingHours: [...OFFICE_HOURS, { weekday: 6, opens: '09:00', closes: '12:00' }],
    spaces: [
      {
        key: 'montpellier-garrigue',
        name: 'Salle Garrigue',
        kind: 'meeting_room',
        areaSqm: 28,
        capacity: 12,
        equipment: ['screen', 'wifi', 'whiteboard'],
        stepFree: true,
        description: 'Salle de réunion lumineuse au premier étage, accessible par ascenseur.',
        hourlyRateCents: 0,
      },
      {
        key: 'montpellier-bureau',
        name: 'Bureau partagé Lez',
        kind: 'office',
        areaSqm: 12,
        capacity: 3,
        equipment: ['wifi', 'printer'],
        stepFree: true,
        description: 'Petit bureau calme pour une permanence ou un entretien.',
        hourlyRateCents: 300,
      },
      {
        key: 'montpellier-guichet',
        name: 'Coin guichet',
        kind: 'counter_corner',
        areaSqm: 6,
        capacity: 2,
        equipment: ['wifi'],
        stepFree: true,
        description:
          'Un coin du bureau de poste pour accueillir le public lors d’une permanence hebdomadaire.',
        hourlyRateCents: 0,
      },
    ],
  },
  {
    key: 'toulouse',
    name: 'La Poste Toulouse Capitole',
    address: '9 rue Lafayette',
    postcode: '31000',
    commune: 'Toulouse',
    communeCode: '31555',
    departementCode: '31',
    latitude: 43.6047,
    longitude: 1.4442,
    openingHours: OFFICE_HOURS,
    spaces: [
      {
        key: 'toulouse-garonne',
        name: 'Salle Garonne',
        kind: 'event_hall',
        areaSqm: 85,
        capacity: 60,
        equipment: ['projector', 'sound_system', 'wifi', 'kitchenette'],
        stepFree: true,
        description: 'Grande salle pour assemblées générales, formations et événements. Sur demande.',
        hourlyRateCents: 1500,
        approvalRequired: true,
        bufferBeforeMinutes: 30,
        bufferAfterMinutes: 30,
      },
      {
        key: 'toulouse-atelier',
        name: 'Atelier Brique',
        kind: 'workshop',
        areaSqm: 40,
        capacity: 15,
        equipment: ['workbench', 'sink', 'wifi'],
        stepFree: false,
        description: 'Atelier au rez-de-jardin pour ateliers de réparation et ateliers créatifs.',
        hourlyRateCents: 500,
      },
      {
        key: 'toulouse-cowork',
        name: 'Espace coworking Canal',
        kind: 'coworking',
        areaSqm: 35,
        capacity: 10,
        equipment: ['wifi', 'screen', 'coffee'],
        stepFree: true,
        description: 'Plateau ouvert avec postes de travail et une table de réunion.',
        hourlyRateCents: 0,
      },
    ],
  },
  {
    key: 'nimes',
    name: 'La Poste Nîmes Esplanade',
    address: '1 boulevard de Bruxelles',
    postcode: '30000',
    commune: 'Nîmes',
    communeCode: '30189',
    departementCode: '30',
    latitude: 43.8344,
    longitude: 4.3601,
    openingHours: OFFICE_HOURS,
    spaces: [
      {
        key: 'nimes-arenes',
        name: 'Salle des Arènes',
        kind: 'meeting_room',
        areaSqm: 22,
        capacity: 10,
        equipment: ['screen', 'wifi'],
        stepFree: true,
        description: 'Salle de réunion au rez-de-chaussée, à deux pas des arènes.',
        hourlyRateCents: 200,
      },
      {
        key: 'nimes-stockage',
        name: 'Réserve Maison Carrée',
        kind: 'storage',
        areaSqm: 15,
        capacity: 1,
        equipment: ['shelving'],
        stepFree: true,
        description: 'Local de stockage sécurisé pour le matériel d’une association.',
        hourlyRateCents: 0,
      },
    ],
  },
];

export const DEMO_ORGANISATIONS = [
  {
    key: 'association',
    name: 'Association Les Jardins de l’Écusson',
    siret: '81234567600017',
    legalForm: 'association',
    rna: 'W343012345',
    address: '4 rue de l’Université',
    postcode: '34000',
    communeCode: '34172',
    commune: 'Montpellier',
    departementCode: '34',
  },
  {
    key: 'cooperative',
    name: 'Coopérative Solidaire du Midi (SCIC)',
    siret: '45213789600018',
    legalForm: 'scic',
    rna: null,
    address: '12 allée Jean Jaurès',
    postcode: '31000',
    communeCode: '31555',
    commune: 'Toulouse',
    departementCode: '31',
  },
] as const;

export const DEMO_ACCOUNTS = [
  {
    email: 'membre@demo.lieux-partages.fr',
    name: 'Camille Martin',
    role: 'member',
    organisation: 'association',
  },
  {
    email: 'cooperative@demo.lieux-partages.fr',
    name: 'Samir Benali',
    role: 'org_admin',
    organisation: 'cooperative',
  },
  {
    email: 'gestionnaire@demo.lieux-partages.fr',
    name: 'Nathalie Roux',
    role: 'site_manager',
    sites: ['montpellier', 'toulouse', 'nimes'],
  },
  {
    email: 'delegue@demo.lieux-partages.fr',
    name: 'Julien Garcia',
    role: 'delegate',
    regionCode: DEMO_REGION,
  },
  { email: 'admin@demo.lieux-partages.fr', name: 'Admin national', role: 'admin' },
] as const;

/** A need of the demo organisations that no demo space meets: where it is, what, when (weeks from now). */
export interface DemoNeed {
  organisation: (typeof DEMO_ORGANISATIONS)[number]['key'];
  place:
    | {
        communeCode: string;
        radiusKm: number;
        departementCode: string;
        regionCode: string;
        latitude: number;
        longitude: number;
      }
    | { departementCode: string; regionCode: string; latitude: number; longitude: number };
  kind: SpaceKind | null;
  minAreaM2: number | null;
  attendees: number;
  /** Starts this many weeks after next Monday, and lasts this many weeks. */
  startsInWeeks: number;
  weeks: number;
  weekdays: number[];
  perWeek?: number;
  startTime: string;
  endTime: string;
  purpose: string;
  theme: string;
  contactable: boolean;
}

/**
 * Open needs so that the unmet-demand map shows something in Occitanie and elsewhere, and the demo
 * manager sees demand near Montpellier and Toulouse. None in Nîmes: the browser test declares that one.
 */
export const DEMO_NEEDS: DemoNeed[] = [
  {
    organisation: 'association',
    place: {
      communeCode: '66136',
      radiusKm: 15,
      departementCode: '66',
      regionCode: '76',
      latitude: 42.6986,
      longitude: 2.8956,
    },
    kind: 'workshop',
    minAreaM2: 40,
    attendees: 12,
    startsInWeeks: 2,
    weeks: 12,
    weekdays: [2],
    startTime: '14:00',
    endTime: '17:00',
    purpose: 'Atelier de réparation de vélos pour des jeunes en insertion',
    theme: 'insertion',
    contactable: true,
  },
  {
    organisation: 'cooperative',
    place: {
      communeCode: '81004',
      radiusKm: 20,
      departementCode: '81',
      regionCode: '76',
      latitude: 43.9289,
      longitude: 2.1464,
    },
    kind: 'meeting_room',
    minAreaM2: 20,
    attendees: 8,
    startsInWeeks: 1,
    weeks: 10,
    weekdays: [4],
    startTime: '18:00',
    endTime: '20:00',
    purpose: 'Répétitions d’une chorale de quartier',
    theme: 'culture',
    contactable: false,
  },
  {
    organisation: 'association',
    place: {
      communeCode: '34032',
      radiusKm: 10,
      departementCode: '34',
      regionCode: '76',
      latitude: 43.3442,
      longitude: 3.2158,
    },
    kind: 'office',
    minAreaM2: 12,
    attendees: 2,
    startsInWeeks: 1,
    weeks: 8,
    weekdays: [1, 2, 3, 4, 5],
    perWeek: 2,
    startTime: '09:00',
    endTime: '12:30',
    purpose: 'Permanences d’accès aux droits, deux matinées par semaine',
    theme: 'acces_droits',
    contactable: true,
  },
  {
    organisation: 'cooperative',
    place: {
      communeCode: '11069',
      radiusKm: 25,
      departementCode: '11',
      regionCode: '76',
      latitude: 43.213,
      longitude: 2.3491,
    },
    kind: 'event_hall',
    minAreaM2: 100,
    attendees: 60,
    startsInWeeks: 4,
    weeks: 1,
    weekdays: [5, 6],
    startTime: '10:00',
    endTime: '18:00',
    purpose: 'Forum des circuits courts et de l’alimentation locale',
    theme: 'alimentation',
    contactable: false,
  },
  {
    organisation: 'cooperative',
    place: { departementCode: '48', regionCode: '76', latitude: 44.5181, longitude: 3.5005 },
    kind: 'coworking',
    minAreaM2: null,
    attendees: 4,
    startsInWeeks: 1,
    weeks: 16,
    weekdays: [1, 3],
    startTime: '09:00',
    endTime: '17:00',
    purpose: 'Un lieu de travail partagé pour des salariés de la coopérative en Lozère',
    theme: 'numerique',
    contactable: true,
  },
  {
    organisation: 'association',
    place: {
      communeCode: '34172',
      radiusKm: 15,
      departementCode: '34',
      regionCode: '76',
      latitude: 43.6109,
      longitude: 3.8763,
    },
    kind: 'storage',
    minAreaM2: 10,
    attendees: 1,
    startsInWeeks: 1,
    weeks: 12,
    weekdays: [5],
    startTime: '18:30',
    endTime: '20:00',
    purpose: 'Stocker et distribuer des paniers solidaires le vendredi soir',
    theme: 'alimentation',
    contactable: true,
  },
  {
    organisation: 'cooperative',
    place: {
      communeCode: '31555',
      radiusKm: 10,
      departementCode: '31',
      regionCode: '76',
      latitude: 43.6045,
      longitude: 1.444,
    },
    kind: 'event_hall',
    minAreaM2: 150,
    attendees: 80,
    startsInWeeks: 3,
    weeks: 6,
    weekdays: [6],
    startTime: '14:00',
    endTime: '18:00',
    purpose: 'Assemblées et fêtes de quartier d’une monnaie locale',
    theme: 'services_proximite',
    contactable: false,
  },
  {
    organisation: 'association',
    place: {
      communeCode: '69123',
      radiusKm: 10,
      departementCode: '69',
      regionCode: '84',
      latitude: 45.764,
      longitude: 4.8357,
    },
    kind: 'workshop',
    minAreaM2: 30,
    attendees: 10,
    startsInWeeks: 2,
    weeks: 10,
    weekdays: [3],
    startTime: '14:00',
    endTime: '17:00',
    purpose: 'Initiation au numérique pour des personnes âgées',
    theme: 'numerique',
    contactable: false,
  },
  {
    organisation: 'cooperative',
    place: {
      communeCode: '59350',
      radiusKm: 10,
      departementCode: '59',
      regionCode: '32',
      latitude: 50.6292,
      longitude: 3.0573,
    },
    kind: 'meeting_room',
    minAreaM2: null,
    attendees: 6,
    startsInWeeks: 1,
    weeks: 12,
    weekdays: [1],
    startTime: '18:00',
    endTime: '20:00',
    purpose: 'Réunions du conseil d’une épicerie solidaire',
    theme: 'alimentation',
    contactable: false,
  },
];
