import { z } from 'zod';
import { readCardInputs } from '../../platform/cards/readCardInputs.js';
import { REGION_CODES, type RegionCode } from '../directory/referenceData.js';
import { FOCUS_AREA_IDS, WAYS_IN, type FocusArea, type SignUp } from './buddyScheme.js';

/** The sign-up card's inputs, as Teams sends them back (strings; absent when left empty). */
export interface SignUpValues {
  wayIn: string;
  organisation: string;
  region: string;
  monthsInRole: string;
  focusAreas: string;
  capacity: string;
  preferredContact: string;
  email: string;
  note: string;
  consent: string;
}

export type SignUpField = keyof SignUpValues;
export type SignUpErrors = Partial<Record<SignUpField, string>>;

const NOTE_MAX = 500;
const ORGANISATION_MAX = 200;
const MONTHS_MAX = 600;
const CAPACITY_MAX = 5;

const FIELDS: readonly SignUpField[] = [
  'wayIn',
  'organisation',
  'region',
  'monthsInRole',
  'focusAreas',
  'capacity',
  'preferredContact',
  'email',
  'note',
  'consent',
];

/** Whatever arrived, as strings for the card to show again; anything that is not text is dropped. */
export function readSignUpValues(data: Readonly<Record<string, unknown>>): SignUpValues {
  return readCardInputs(data, FIELDS);
}

const checks = {
  wayIn: z.enum(WAYS_IN, { error: 'Choose how you would like to join.' }),
  region: z.enum(REGION_CODES, { error: 'Choose your NHS England region.' }),
  monthsInRole: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, {
      error: `Give the months you have been an MSO, as a whole number from 0 to ${String(MONTHS_MAX)}.`,
    })
    .transform(Number)
    .refine((months) => months <= MONTHS_MAX, {
      error: `Give the months you have been an MSO, as a whole number from 0 to ${String(MONTHS_MAX)}.`,
    }),
  focusAreas: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(FOCUS_AREA_IDS)).min(1, { error: 'Choose at least one focus area.' }))
    .catch(() => [] as FocusArea[]),
  capacity: z
    .string()
    .trim()
    .regex(/^\d$/, { error: `Say how many buddies you can take, from 1 to ${String(CAPACITY_MAX)}.` })
    .transform(Number)
    .refine((capacity) => capacity >= 1 && capacity <= CAPACITY_MAX, {
      error: `Say how many buddies you can take, from 1 to ${String(CAPACITY_MAX)}.`,
    }),
  preferredContact: z.enum(['teams', 'email'], { error: 'Choose how you would like to be contacted.' }),
  email: z.email({ error: 'Give an email address, such as name@nhs.net.' }).max(200),
  note: z.string().max(NOTE_MAX, { error: `Keep the note to ${String(NOTE_MAX)} characters.` }),
  consent: z.literal('true', {
    error: 'Tick the box to agree that the lead and your matched buddy see these details.',
  }),
};

export type SignUpCheck =
  | {
      ok: true;
      signUp: Omit<SignUp, 'region' | 'organisationCode'> & {
        region: RegionCode | undefined;
        organisationText: string;
      };
    }
  | { ok: false; errors: SignUpErrors };

/**
 * Checks a sign-up card submission field by field, so that each message can be shown at its
 * field. The organisation is checked by the caller, which knows the directory.
 */
export function checkSignUp(values: SignUpValues): SignUpCheck {
  const errors: SignUpErrors = {};
  const field = <T>(name: SignUpField, schema: z.ZodType<T>, value: string): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    errors[name] = parsed.error.issues[0]?.message ?? 'Check this field.';
    return undefined;
  };
  const wayIn = field('wayIn', checks.wayIn, values.wayIn.trim());
  const region = values.region.trim() ? field('region', checks.region, values.region.trim()) : undefined;
  const organisationText = values.organisation.trim();
  if (organisationText.length > ORGANISATION_MAX)
    errors.organisation = `Keep the organisation under ${String(ORGANISATION_MAX)} characters.`;
  if (!organisationText && !region && !errors.region) errors.region = 'Give your organisation or choose your region.';
  const monthsInRole = field('monthsInRole', checks.monthsInRole, values.monthsInRole);
  const focusAreas = checks.focusAreas.parse(values.focusAreas);
  if (focusAreas.length === 0) errors.focusAreas = 'Choose at least one focus area.';
  const capacity = wayIn === 'mentor' ? field('capacity', checks.capacity, values.capacity) : undefined;
  const preferredContact = field('preferredContact', checks.preferredContact, values.preferredContact.trim());
  const email = field('email', checks.email, values.email.trim());
  const note = field('note', checks.note, values.note.trim());
  field('consent', checks.consent, values.consent.trim());

  if (
    Object.keys(errors).length > 0 ||
    !wayIn ||
    monthsInRole === undefined ||
    !preferredContact ||
    !email ||
    note === undefined
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    signUp: { wayIn, region, organisationText, monthsInRole, focusAreas, capacity, preferredContact, email, note },
  };
}

/**
 * The way in the words that opened the card point to, to preselect it: offering to mentor
 * ("happy to mentor", "be a buddy for"), being new ("new in post", "just started") or developing
 * ("a more senior buddy"). Asking for a mentor is not offering to be one. '' when they say none.
 */
export function wayInFrom(text: string): '' | (typeof WAYS_IN)[number] {
  const words = text.toLowerCase();
  if (
    /\b(to|can|could|happy to|like to|want to|offer to|volunteer to) (mentor|buddy)\b|\bas a (mentor|buddy)\b|\bbe a (mentor|buddy)\b|\bvolunteer/.test(
      words,
    )
  )
    return 'mentor';
  if (/\bmore senior\b|\bdevelop/.test(words)) return 'develop';
  if (
    /\bnew (to|in) (post|role|the role|the post)\b|\bjust (started|taken over)\b|\bnew mso\b|\bstarted as\b/.test(words)
  )
    return 'newToPost';
  return '';
}
