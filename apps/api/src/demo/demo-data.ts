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
