import type { ZodType } from 'zod';
import { z } from './common';
import { LoginRequest, LoginResponse, Role, User } from './auth';
import { Availability, AvailabilityQuery, Space, SpacePage, SpaceParams, SpaceSearchQuery } from './spaces';
import { Booking, BookingListQuery, BookingPage, CreateBookingRequest } from './bookings';
import { Health } from './health';

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
