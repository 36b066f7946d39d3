import { randomBytes } from 'node:crypto';
import type { RegionCode } from '../directory/referenceData.js';
import type { Pairing } from './pairings.js';

/** The three ways into the buddy scheme the national lead runs. */
export const WAYS_IN = ['newToPost', 'develop', 'mentor'] as const;
export type WayIn = (typeof WAYS_IN)[number];

export const WAY_IN_TITLES: Readonly<Record<WayIn, string>> = {
  newToPost: 'I am new to post and would like a buddy',
  develop: 'I want to develop with a more senior buddy',
  mentor: 'I am an experienced MSO and would like to mentor',
};

export const FOCUS_AREAS = [
  { id: 'incidentReporting', title: 'Incident reporting and LFPSE' },
  { id: 'safetyCommittee', title: 'Medication safety committee' },
  { id: 'safetyAlerts', title: 'Safety alerts' },
  { id: 'data', title: 'Data and dashboards' },
  { id: 'safetyCulture', title: 'Safety culture and learning' },
  { id: 'highRiskMedicines', title: 'High-risk medicines' },
  { id: 'digital', title: 'Digital and ePMA' },
  { id: 'controlledDrugs', title: 'Controlled drugs' },
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number]['id'];
export const FOCUS_AREA_IDS = FOCUS_AREAS.map((area) => area.id) as [FocusArea, ...FocusArea[]];

export function focusAreaTitle(id: FocusArea): string {
  return FOCUS_AREAS.find((area) => area.id === id)?.title ?? id;
}

/**
 * `ended`: a mentee whose pairing ended and who has not asked for a new buddy (yet); a mentee who
 * asks is `approved` again, waiting.
 */
export const REQUEST_STATUSES = ['pending', 'approved', 'matched', 'declined', 'withdrawn', 'ended'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What a person told the scheme about themselves on the sign-up card. */
export interface SignUp {
  wayIn: WayIn;
  region: RegionCode;
  organisationCode: string | undefined;
  monthsInRole: number;
  focusAreas: FocusArea[];
  /** Mentors only: how many buddies they can take. */
  capacity: number | undefined;
  preferredContact: 'teams' | 'email';
  email: string;
  note: string;
}

/** A person's request to join the scheme one way in; one open request per person and way in. */
export interface BuddyRequest extends SignUp {
  id: string;
  userId: string;
  name: string;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
  decision: { by: string; byName: string; at: string; reason: string | undefined } | undefined;
  /** Mentors: buddies they can still take. */
  capacityLeft: number;
  /** Ids of the requests this one has been paired with, so a pair is never suggested twice. */
  pairedWith: string[];
  /** Mentees: their pairings, oldest first (see `pairingsOf`; absent on requests matched before they were kept). */
  pairings?: Pairing[];
  /** Mentees waiting for a buddy: since when, the order of the queue (see `waitingSince`). */
  waitingSince?: string;
  /** Mentors: paused mentoring, so not suggested, until they resume. */
  paused?: boolean;
}

/**
 * The request id for a person and a way in: the same sign-up twice is the same request. The person
 * part is a random token kept for them (see `BuddyRequests.personTokenFor`), never their own id,
 * so nobody can work out a colleague's request id.
 */
export function requestIdFor(personToken: string, wayIn: WayIn): string {
  return `${wayIn}.${personToken}`;
}

/** A new person token: 128 random bits. */
export function newPersonToken(): string {
  return randomBytes(16).toString('base64url');
}

/** The person part of a request id: pairs are remembered per person, whatever the way in. */
export function personKeyOf(requestId: string): string {
  return requestId.slice(requestId.indexOf('.') + 1);
}

/** What a request id looks like; anything else is refused before it reaches storage. */
export const REQUEST_ID_PATTERN = /^(newToPost|develop|mentor)\.[A-Za-z0-9_-]{1,300}$/;

export function wantsBuddy(request: Pick<BuddyRequest, 'wayIn'>): boolean {
  return request.wayIn !== 'mentor';
}
