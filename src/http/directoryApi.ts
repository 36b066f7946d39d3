import { describeReplaced } from '../features/directory/formerOrganisations.js';
import { z } from 'zod';
import { teamsChatLink } from '../features/directory/answers.js';
import type { Directory } from '../features/directory/directory.js';
import type { DirectoryPerson } from '../features/directory/networkDirectory.js';
import { REGION_CODES } from '../features/directory/referenceData.js';

// The tab's read-only contract: published contacts only. Strict objects, so a field added to the
// directory file (or a person's sign-in name) cannot leak out without a change here.

const contactSchema = z.strictObject({
  name: z.string(),
  role: z.string().optional(),
  email: z.email(),
  teamsChatUrl: z.url({ protocol: /^https$/ }),
});

const regionSchema = z.strictObject({
  code: z.enum(REGION_CODES),
  name: z.string(),
  /** Other names people use for the region ("NEY", "Yorkshire"), for the tab's search. */
  synonyms: z.array(z.string()),
});

export const directoryResponseSchema = z.strictObject({
  version: z.string(),
  sample: z.boolean(),
  source: z.strictObject({ title: z.string(), url: z.url() }),
  nationalNetwork: z.strictObject({ name: z.string(), summary: z.string(), supportedBy: z.array(z.string()) }),
  nationalLead: z.strictObject({ role: z.string(), summary: z.string(), contact: contactSchema }),
  steeringGroup: z.strictObject({
    summary: z.string(),
    members: z.array(z.strictObject({ name: z.string(), organisation: z.string(), role: z.string() })),
  }),
  regionalNetworks: z
    .array(
      z.strictObject({
        region: regionSchema,
        name: z.string(),
        summary: z.string(),
        lead: contactSchema,
        deputies: z.array(contactSchema),
        pageUrl: z.url().optional(),
        teamsChannelUrl: z.url().optional(),
      }),
    )
    .length(REGION_CODES.length),
});

/**
 * `next` is null until the webinar schedule exists; a later issue fills it without changing the
 * other fields, and the tab already shows it when present.
 */
const nextWebinarSchema = z.strictObject({
  /** ISO 8601 instant. */
  start: z.iso.datetime({ offset: true }),
  /** ISO 8601 instant, when known. */
  end: z.iso.datetime({ offset: true }).optional(),
  /** IANA zone the schedule is kept in (Europe/London). */
  timeZone: z.string(),
  topic: z.string().optional(),
  joinUrl: z.url({ protocol: /^https$/ }).optional(),
  /** Calendar file for this occurrence, usually on this server (`/webinar.ics`). */
  icsUrl: z.string().optional(),
});

export const webinarResponseSchema = z.strictObject({
  summary: z.string(),
  contactEmail: z.email().optional(),
  next: nextWebinarSchema.nullable(),
});

export const organisationSearchResponseSchema = z.strictObject({
  matches: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['trust', 'icb']),
      region: z.strictObject({ code: z.enum(REGION_CODES), name: z.string() }),
      /** For an organisation that no longer exists: what replaced it, as a sentence. */
      replaced: z.string().optional(),
    }),
  ),
});

export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;
export type DirectoryContact = z.infer<typeof contactSchema>;
export type RegionalNetworkEntry = DirectoryResponse['regionalNetworks'][number];
export type NextWebinar = z.infer<typeof nextWebinarSchema>;
export type WebinarResponse = z.infer<typeof webinarResponseSchema>;
export type OrganisationSearchResponse = z.infer<typeof organisationSearchResponseSchema>;

/** Organisation search answers at most this many; the lookup itself offers up to five choices. */
const MAX_ORGANISATION_MATCHES = 5;
/** Longer than any trust or ICB name people would type; longer queries get 400. */
const MAX_ORGANISATION_QUERY_LENGTH = 120;

function contactOf(person: DirectoryPerson): DirectoryContact {
  return {
    name: person.name,
    ...(person.role === undefined ? {} : { role: person.role }),
    email: person.email,
    teamsChatUrl: teamsChatLink(person),
  };
}

/** The directory as the tab shows it; checked against the contract, so a mistake fails at start-up. */
export function directoryResponse(directory: Directory): DirectoryResponse {
  const { network, reference } = directory;
  return directoryResponseSchema.parse({
    version: network.version,
    sample: network.sample,
    source: network.source,
    nationalNetwork: {
      name: network.nationalNetwork.name,
      summary: network.nationalNetwork.summary,
      supportedBy: network.nationalNetwork.supportedBy,
    },
    nationalLead: {
      role: network.nationalLead.role,
      summary: network.nationalLead.summary,
      contact: contactOf(network.nationalLead.person),
    },
    steeringGroup: network.steeringGroup,
    regionalNetworks: network.regionalNetworks.map((entry) => {
      const region = reference.region(entry.region);
      return {
        region: { code: region.code, name: region.name, synonyms: region.synonyms },
        name: entry.name,
        summary: entry.summary,
        lead: contactOf(entry.lead),
        deputies: (entry.deputies ?? []).map(contactOf),
        ...(entry.pageUrl === undefined ? {} : { pageUrl: entry.pageUrl }),
        ...(entry.teamsChannelUrl === undefined ? {} : { teamsChannelUrl: entry.teamsChannelUrl }),
      };
    }),
  });
}

export function webinarResponse(directory: Directory, next: NextWebinar | undefined): WebinarResponse {
  const { webinar } = directory.network;
  return webinarResponseSchema.parse({
    summary: webinar.summary,
    ...(webinar.contactEmail === undefined ? {} : { contactEmail: webinar.contactEmail }),
    next: next ?? null,
  });
}

export type OrganisationQuery = { ok: true; text: string } | { ok: false; message: string };

/** One `q`, 2 to 120 characters after trimming. */
export function parseOrganisationQuery(values: string[]): OrganisationQuery {
  if (values.length !== 1) return { ok: false, message: 'Give one search text as ?q=.' };
  const text = (values[0] ?? '').trim();
  if (text.length < 2) return { ok: false, message: 'Type at least 2 characters.' };
  if (text.length > MAX_ORGANISATION_QUERY_LENGTH)
    return { ok: false, message: `Type at most ${MAX_ORGANISATION_QUERY_LENGTH} characters.` };
  return { ok: true, text };
}

/** Trusts and ICBs (public reference data) a text names, with their region. */
export function searchOrganisations(directory: Directory, text: string): OrganisationSearchResponse {
  const lookup = directory.organisations.find(text);
  const found = lookup.kind === 'found' ? [lookup.organisation] : lookup.kind === 'ambiguous' ? lookup.choices : [];
  return organisationSearchResponseSchema.parse({
    matches: found.slice(0, MAX_ORGANISATION_MATCHES).map((organisation) => {
      const replaced = describeReplaced(organisation, directory.reference);
      return {
        code: organisation.code,
        name: organisation.name,
        kind: organisation.kind,
        region: { code: organisation.region, name: directory.reference.region(organisation.region).name },
        ...(replaced ? { replaced } : {}),
      };
    }),
  });
}
