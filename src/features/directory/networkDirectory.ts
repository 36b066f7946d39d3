import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REGION_CODES, type RegionCode } from './referenceData.js';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Names and roles go into cards as they are: no Markdown or HTML that would format or link. */
const plain = (max: number) =>
  text(max).regex(/^[^<>[\]*_`#|~\\]*$/, {
    error: 'must be plain text, without Markdown or HTML characters such as < > [ ] * _',
  });
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address' });

const person = z.strictObject({
  name: plain(120),
  role: plain(200).optional(),
  email: z.email({ error: 'must be an email address' }),
  /** The sign-in name used for a Teams chat link; defaults to the email. */
  teamsUpn: z.email({ error: 'must be a sign-in name such as name@nhs.net' }).optional(),
});

const regionalNetwork = z.strictObject({
  region: z.enum(REGION_CODES, { error: `must be one of the region codes ${REGION_CODES.join(', ')}` }),
  name: plain(120),
  summary: text(600),
  lead: person,
  /** The regional lead's Entra object id: they may edit this entry and see their region's buddy requests. */
  leadAadObjectId: z.guid({ error: 'must be a person picked from the list' }).optional(),
  deputies: z.array(person).max(10).optional(),
  pageUrl: httpsUrl.optional(),
  teamsChannelUrl: httpsUrl.optional(),
});

const directorySchema = z.strictObject({
  version: text(60),
  sample: z.boolean().default(false),
  note: text(400).optional(),
  source: z.strictObject({ title: text(200), url: httpsUrl }),
  nationalNetwork: z.strictObject({
    name: text(120),
    summary: text(800),
    origin: text(800),
    supportedBy: z.array(text(60)).min(1),
  }),
  nationalLead: z.strictObject({ role: text(300), summary: text(600), person }),
  steeringGroup: z.strictObject({
    summary: text(600),
    members: z.array(z.strictObject({ name: plain(120), organisation: plain(120), role: plain(200) })).max(30),
  }),
  webinar: z.strictObject({ summary: text(400), contactEmail: z.email().optional() }),
  regionalNetworks: z.array(regionalNetwork).length(REGION_CODES.length, {
    error: `must list the ${REGION_CODES.length} NHS England regions`,
  }),
  rps: z.strictObject({
    summary: text(600),
    resources: z.array(z.strictObject({ title: text(300), url: httpsUrl })).min(1),
  }),
  training: z.strictObject({ summary: text(600) }),
  buddyScheme: z.strictObject({ summary: text(600), howToJoin: text(300) }),
  reporting: z.strictObject({ summary: text(800) }).optional(),
});

export type NetworkDirectory = z.infer<typeof directorySchema>;
export type DirectoryPerson = z.infer<typeof person>;
export type RegionalNetwork = z.infer<typeof regionalNetwork>;

const SAMPLE_DIRECTORY_FILE = new URL('../../../src/features/directory/data/sample-directory.json', import.meta.url);

export class DirectoryError extends Error {
  override name = 'DirectoryError';
}

/**
 * The network directory (national lead, steering group, regional networks and leads, resources).
 * Not public facts, so it is configuration: a JSON file, checked here at start-up.
 */
export function loadNetworkDirectory(file: string | URL = SAMPLE_DIRECTORY_FILE): NetworkDirectory {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DirectoryError(
      `Cannot read the directory file ${String(file)}: ${error instanceof Error ? error.message : 'unreadable'}`,
    );
  }
  return parseNetworkDirectory(raw, String(file));
}

export function parseNetworkDirectory(raw: unknown, from = 'the directory'): NetworkDirectory {
  const checked = checkNetworkDirectory(raw);
  if (checked.ok) return checked.network;
  const problems = checked.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new DirectoryError(`Invalid directory in ${from}: ${problems.join('; ')}`);
}

/** What the rules found wrong, where: the path into the directory and the schema's own issue. */
export interface DirectoryIssue {
  path: readonly PropertyKey[];
  code: string;
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

/** The directory file's rules, for the file at start-up and for every edit on a card. */
export function checkNetworkDirectory(
  raw: unknown,
): { ok: true; network: NetworkDirectory } | { ok: false; issues: DirectoryIssue[] } {
  const parsed = directorySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const regions = new Set(parsed.data.regionalNetworks.map((network) => network.region));
  const missing = REGION_CODES.filter((code) => !regions.has(code));
  if (missing.length > 0)
    return {
      ok: false,
      issues: [{ path: ['regionalNetworks'], code: 'custom', message: `has no network for ${missing.join(', ')}` }],
    };
  return { ok: true, network: parsed.data };
}

export function regionalNetworkFor(directory: NetworkDirectory, region: RegionCode): RegionalNetwork {
  const network = directory.regionalNetworks.find((candidate) => candidate.region === region);
  if (!network) throw new Error(`No regional network for ${region}`);
  return network;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}
