import type { ZodType } from 'zod';
import { z } from './common';
import {
  AcceptInvitationRequest,
  AuditPage,
  AuditQuery,
  CreateUserRequest,
  LoginRequest,
  LoginResponse,
  PasswordResetRequest,
  PersonalData,
  Role,
  SessionList,
  SessionParams,
  SetPasswordRequest,
  User,
} from './auth';
import { CommuneList, CommuneQuery, DepartementList, RegionList, RegionParams } from './geography';
import {
  Invitation,
  InviteMemberRequest,
  MemberList,
  Organisation,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationParams,
  RegisterOrganisationRequest,
  RegisterOrganisationResponse,
  RejectRequest,
} from './organisations';
import { Availability, AvailabilityQuery, Space, SpacePage, SpaceParams, SpaceSearchQuery } from './spaces';
import { Booking, BookingListQuery, BookingPage, CreateBookingRequest } from './bookings';
import { Health } from './health';
import {
  Closure,
  ClosureParams,
  CreateClosureRequest,
  CreateSiteRequest,
  OpeningHours,
  Site,
  SiteList,
  SiteParams,
  UpdateSiteRequest,
} from './sites';

/** Who may call a route: anyone, or a signed-in person holding one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path below the base path (`/spaces/{id}`). */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  /** Success status and schema; `null` for an empty answer. */
  status: number;
  response: ZodType | null;
  /** Routes outside `/api/v1` (health). */
  absolute?: boolean;
  idempotent?: boolean;
}

function route<const R extends RouteContract>(r: R): R {
  return r;
}

/** Every HTTP route of the API. The controllers, the validation and the OpenAPI document all come from here. */
export const ROUTES = {
  health: route({
    method: 'get',
    path: '/api/health',
    absolute: true,
    summary: 'Liveness and readiness of the database and the queue',
    tag: 'health',
    access: 'public',
    status: 200,
    response: Health,
  }),
  login: route({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in with an e-mail and a password',
    tag: 'auth',
    access: 'public',
    body: LoginRequest,
    status: 200,
    response: LoginResponse,
  }),
  logout: route({
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    access: 'authenticated',
    status: 204,
    response: null,
  }),
  me: route({
    method: 'get',
    path: '/me',
    summary: 'The signed-in person, their organisation and their roles with scope',
    tag: 'auth',
    access: 'authenticated',
    status: 200,
    response: User,
  }),
  refresh: route({
    method: 'post',
    path: '/auth/refresh',
    summary: 'A new access token from the refresh cookie (rotated on each use)',
    tag: 'auth',
    access: 'public',
    status: 200,
    response: LoginResponse,
  }),
  requestPasswordReset: route({
    method: 'post',
    path: '/auth/password-reset',
    summary:
      'E-mail a single-use link to choose a new password (answers 202 whether or not the address exists)',
    tag: 'auth',
    access: 'public',
    body: PasswordResetRequest,
    status: 202,
    response: null,
  }),
  confirmPasswordReset: route({
    method: 'post',
    path: '/auth/password-reset/confirm',
    summary: 'Choose a new password with the link’s token; signs out every session',
    tag: 'auth',
    access: 'public',
    body: SetPasswordRequest,
    status: 204,
    response: null,
  }),
  acceptInvitation: route({
    method: 'post',
    path: '/invitations/accept',
    summary: 'Join an organisation (or take up a staff account) from an invitation link',
    tag: 'auth',
    access: 'public',
    body: AcceptInvitationRequest,
    status: 200,
    response: LoginResponse,
  }),
  mySessions: route({
    method: 'get',
    path: '/me/sessions',
    summary: 'The caller’s open sessions',
    tag: 'auth',
    access: 'authenticated',
    status: 200,
    response: SessionList,
  }),
  revokeSession: route({
    method: 'delete',
    path: '/me/sessions/{id}',
    summary: 'Close one of the caller’s sessions',
    tag: 'auth',
    access: 'authenticated',
    params: SessionParams,
    status: 204,
    response: null,
  }),
  myData: route({
    method: 'get',
    path: '/me/data',
    summary: 'Everything the platform holds about the caller',
    tag: 'privacy',
    access: 'authenticated',
    status: 200,
    response: PersonalData,
  }),
  deleteMe: route({
    method: 'delete',
    path: '/me',
    summary: 'Delete the caller’s account; their bookings stay, detached from them',
    tag: 'privacy',
    access: 'authenticated',
    status: 204,
    response: null,
  }),
  regions: route({
    method: 'get',
    path: '/regions',
    summary: 'French regions (INSEE codes)',
    tag: 'reference',
    access: 'public',
    status: 200,
    response: RegionList,
  }),
  regionDepartements: route({
    method: 'get',
    path: '/regions/{code}/departements',
    summary: 'The départements of a region (INSEE codes)',
    tag: 'reference',
    access: 'public',
    params: RegionParams,
    status: 200,
    response: DepartementList,
  }),
  communes: route({
    method: 'get',
    path: '/communes',
    summary: 'Communes by name or postcode',
    tag: 'reference',
    access: 'public',
    query: CommuneQuery,
    status: 200,
    response: CommuneList,
  }),
  registerOrganisation: route({
    method: 'post',
    path: '/organisations/register',
    summary: 'Register an ESS organisation and its first admin; it starts pending verification',
    tag: 'organisations',
    access: 'public',
    body: RegisterOrganisationRequest,
    status: 201,
    response: RegisterOrganisationResponse,
  }),
  listOrganisations: route({
    method: 'get',
    path: '/organisations',
    summary: 'Organisations of the delegate’s region (all for an admin)',
    tag: 'organisations',
    access: ['delegate', 'admin'],
    query: OrganisationListQuery,
    status: 200,
    response: OrganisationPage,
  }),
  getOrganisation: route({
    method: 'get',
    path: '/organisations/{id}',
    summary: 'One organisation: its members, its region’s delegate, admins',
    tag: 'organisations',
    access: ['member', 'org_admin', 'delegate', 'admin'],
    params: OrganisationParams,
    status: 200,
    response: Organisation,
  }),
  verifyOrganisation: route({
    method: 'post',
    path: '/organisations/{id}/verify',
    summary: 'Verify an organisation of the delegate’s region',
    tag: 'organisations',
    access: ['delegate', 'admin'],
    params: OrganisationParams,
    status: 200,
    response: Organisation,
  }),
  rejectOrganisation: route({
    method: 'post',
    path: '/organisations/{id}/reject',
    summary: 'Reject an organisation of the delegate’s region, with a reason',
    tag: 'organisations',
    access: ['delegate', 'admin'],
    params: OrganisationParams,
    body: RejectRequest,
    status: 200,
    response: Organisation,
  }),
  listMembers: route({
    method: 'get',
    path: '/organisations/{id}/members',
    summary: 'Members of the organisation (its admins, national admins)',
    tag: 'organisations',
    access: ['org_admin', 'admin'],
    params: OrganisationParams,
    status: 200,
    response: MemberList,
  }),
  inviteMember: route({
    method: 'post',
    path: '/organisations/{id}/members',
    summary: 'Invite a member by e-mail (single-use link, valid 7 days)',
    tag: 'organisations',
    access: ['org_admin'],
    params: OrganisationParams,
    body: InviteMemberRequest,
    status: 201,
    response: Invitation,
  }),
  createUser: route({
    method: 'post',
    path: '/users',
    summary: 'Create a site manager, a delegate or an admin; they receive a link to choose a password',
    tag: 'users',
    access: ['admin'],
    body: CreateUserRequest,
    status: 201,
    response: User,
  }),
  audit: route({
    method: 'get',
    path: '/audit',
    summary: 'Who changed what, when (sign-ins, verifications, roles, bookings)',
    tag: 'audit',
    access: ['admin'],
    query: AuditQuery,
    status: 200,
    response: AuditPage,
  }),
  listSites: route({
    method: 'get',
    path: '/sites',
    summary: 'The sites the caller manages (all for an admin)',
    tag: 'sites',
    access: ['site_manager', 'admin'],
    status: 200,
    response: SiteList,
  }),
  createSite: route({
    method: 'post',
    path: '/sites',
    summary: 'Create a site and assign its managers; time zone, département and region come from the commune',
    tag: 'sites',
    access: ['admin'],
    body: CreateSiteRequest,
    status: 201,
    response: Site,
  }),
  getSite: route({
    method: 'get',
    path: '/sites/{id}',
    summary: 'One site with its opening hours and closures',
    tag: 'sites',
    access: ['site_manager', 'admin'],
    params: SiteParams,
    status: 200,
    response: Site,
  }),
  updateSite: route({
    method: 'patch',
    path: '/sites/{id}',
    summary: 'Change a site’s name, address, coordinates or access notes',
    tag: 'sites',
    access: ['site_manager', 'admin'],
    params: SiteParams,
    body: UpdateSiteRequest,
    status: 200,
    response: Site,
  }),
  setOpeningHours: route({
    method: 'put',
    path: '/sites/{id}/opening-hours',
    summary: 'Replace the weekly opening hours (local time of the site)',
    tag: 'sites',
    access: ['site_manager', 'admin'],
    params: SiteParams,
    body: OpeningHours,
    status: 200,
    response: Site,
  }),
  addClosure: route({
    method: 'post',
    path: '/sites/{id}/closures',
    summary: 'Close the site on a date or a period of dates',
    tag: 'sites',
    access: ['site_manager', 'admin'],
    params: SiteParams,
    body: CreateClosureRequest,
    status: 201,
    response: Closure,
  }),
  removeClosure: route({
    method: 'delete',
    path: '/sites/{id}/closures/{closureId}',
    summary: 'Remove a closure',
    tag: 'sites',
    access: ['site_manager', 'admin'],
    params: ClosureParams,
    status: 204,
    response: null,
  }),
  searchSpaces: route({
    method: 'get',
    path: '/spaces',
    summary: 'Published spaces',
    tag: 'spaces',
    access: 'public',
    query: SpaceSearchQuery,
    status: 200,
    response: SpacePage,
  }),
  getSpace: route({
    method: 'get',
    path: '/spaces/{id}',
    summary: 'One published space with its site, policy and price',
    tag: 'spaces',
    access: 'public',
    params: SpaceParams,
    status: 200,
    response: Space,
  }),
  spaceAvailability: route({
    method: 'get',
    path: '/spaces/{id}/availability',
    summary: 'Open, busy (without names) and free intervals of a space',
    tag: 'availability',
    access: 'public',
    params: SpaceParams,
    query: AvailabilityQuery,
    status: 200,
    response: Availability,
  }),
  createBooking: route({
    method: 'post',
    path: '/bookings',
    summary: 'Book a space for the caller’s organisation',
    tag: 'bookings',
    access: ['member', 'org_admin'],
    body: CreateBookingRequest,
    status: 201,
    response: Booking,
    idempotent: true,
  }),
  listBookings: route({
    method: 'get',
    path: '/bookings',
    summary: 'Bookings the caller may see (`mine=true`: those of their organisation)',
    tag: 'bookings',
    access: 'authenticated',
    query: BookingListQuery,
    status: 200,
    response: BookingPage,
  }),
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof ROUTES;

export const API_BASE_PATH = '/api/v1';

export function fullPath(r: RouteContract): string {
  return r.absolute ? r.path : `${API_BASE_PATH}${r.path}`;
}

export { z };
