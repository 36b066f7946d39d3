import { createHash } from 'node:crypto';
import { z } from 'zod';
import { checkNetworkDirectory, type NetworkDirectory } from '../directory/networkDirectory.js';
import { REGION_CODES, type ReferenceData, type RegionCode } from '../directory/referenceData.js';

/** A part of the directory that is edited on one card: the national lead, the steering group, the source, or a region. */
export type SectionId = 'national' | 'steering' | 'source' | 'answers' | RegionCode;

export const sectionIdSchema = z.enum(['national', 'steering', 'source', 'answers', ...REGION_CODES]);

export const isRegion = (section: SectionId): section is RegionCode =>
  (REGION_CODES as readonly string[]).includes(section);

/** One input on an edit card, with the path of the directory value it holds. */
export interface FieldSpec {
  /** The input's id on the card: the path joined with dots (`regionalNetworks.1.lead.email`). */
  id: string;
  label: string;
  /** What the field is for, in a few words. */
  help: string;
  kind: 'text' | 'multiline' | 'email' | 'url' | 'person';
  maxLength: number;
  /** Optional fields may be left empty; required ones are checked by the directory's own rules. */
  optional: boolean;
}

/** Rows of a list (steering group members, a region's deputies): a blank row is no row. */
interface ListSpec {
  path: readonly (string | number)[];
  slots: number;
  /** The fields of one row, by key. */
  item: readonly Omit<FieldSpec, 'id' | 'optional'>[];
  itemKeys: readonly string[];
  itemLabel: string;
}

interface SectionSpec {
  title: string;
  fields: FieldSpec[];
  lists: ListSpec[];
}

const field = (
  path: readonly (string | number)[],
  label: string,
  help: string,
  kind: FieldSpec['kind'],
  maxLength: number,
  optional = false,
): FieldSpec => ({ id: path.join('.'), label, help, kind, maxLength, optional });

const PERSON_HELP = {
  name: 'As it should appear in answers, plain text.',
  email: 'Where MSOs email them.',
  teamsUpn: 'Their Teams sign-in name, for the "Chat in Teams" link. Leave empty to use the email.',
};

/** The sections in the order the settings card lists them: the regions as the directory lists them. */
export function sectionIds(network: NetworkDirectory): SectionId[] {
  return ['national', 'steering', ...network.regionalNetworks.map((entry) => entry.region), 'answers', 'source'];
}

export function sectionTitle(section: SectionId, reference: ReferenceData): string {
  if (section === 'national') return 'The national lead';
  if (section === 'steering') return 'The steering group';
  if (section === 'source') return 'The source the answers cite';
  if (section === 'answers') return 'The other answers';
  return `The ${reference.region(section).name} network`;
}

/** The inputs of a section, for the given directory (a region's entry sits at its own index). */
export function sectionSpec(section: SectionId, network: NetworkDirectory, reference: ReferenceData): SectionSpec {
  const title = sectionTitle(section, reference);
  switch (section) {
    case 'national': {
      const at = ['nationalLead'];
      return {
        title,
        fields: [
          field([...at, 'person', 'name'], 'Name', PERSON_HELP.name, 'text', 120),
          field([...at, 'person', 'email'], 'Email', PERSON_HELP.email, 'email', 254),
          field([...at, 'person', 'teamsUpn'], 'Teams sign-in name', PERSON_HELP.teamsUpn, 'email', 254, true),
          field([...at, 'role'], 'Role', 'The job title shown under their name.', 'text', 300),
          field([...at, 'summary'], 'What they do', 'One or two sentences for MSOs.', 'multiline', 600),
        ],
        lists: [],
      };
    }
    case 'steering':
      return {
        title,
        fields: [field(['steeringGroup', 'summary'], 'What the group does', 'One or two sentences.', 'multiline', 600)],
        lists: [
          {
            path: ['steeringGroup', 'members'],
            slots: Math.min(30, network.steeringGroup.members.length + 2),
            item: [
              { label: 'Name', help: '', kind: 'text', maxLength: 120 },
              { label: 'Organisation', help: '', kind: 'text', maxLength: 120 },
              { label: 'Role', help: '', kind: 'text', maxLength: 200 },
            ],
            itemKeys: ['name', 'organisation', 'role'],
            itemLabel: 'Member',
          },
        ],
      };
    case 'answers':
      return {
        title,
        fields: [
          field(
            ['nationalNetwork', 'summary'],
            'About the national network',
            'The answer to "what is the MSO network?".',
            'multiline',
            800,
          ),
          field(
            ['nationalNetwork', 'origin'],
            'Why it was set up',
            'Said with the answer about the network.',
            'multiline',
            800,
          ),
          field(['training', 'summary'], 'Training', 'The answer to "is there MSO training?".', 'multiline', 600),
          field(
            ['buddyScheme', 'summary'],
            'The buddy scheme',
            'The answer to "what is the buddy scheme?".',
            'multiline',
            600,
          ),
          field(['buddyScheme', 'howToJoin'], 'How to join the buddy scheme', 'One sentence.', 'text', 300),
          field(['webinar', 'summary'], 'The webinar', 'Said with every webinar answer.', 'multiline', 400),
          field(
            ['webinar', 'contactEmail'],
            'Webinar contact email',
            'Who to email about the webinar; optional.',
            'email',
            254,
            true,
          ),
          field(['rps', 'summary'], 'Royal Pharmaceutical Society', 'The answer to "RPS resources".', 'multiline', 600),
          field(
            ['reporting', 'summary'],
            'Reporting medication incidents',
            "Optional: said under the bot's own answer (LFPSE for incidents, Yellow Card for suspected reactions), for anything the network adds.",
            'multiline',
            800,
            true,
          ),
        ],
        lists: [
          {
            path: ['rps', 'resources'],
            slots: Math.min(10, network.rps.resources.length + 1),
            item: [
              { label: 'Title', help: '', kind: 'text', maxLength: 300 },
              { label: 'Link', help: '', kind: 'url', maxLength: 2000 },
            ],
            itemKeys: ['title', 'url'],
            itemLabel: 'RPS resource',
          },
        ],
      };
    case 'source':
      return {
        title,
        fields: [
          field(['source', 'title'], 'Title', 'What the "Source" line under every answer says.', 'text', 200),
          field(['source', 'url'], 'Link', 'The page it opens: an https:// address.', 'url', 2000),
        ],
        lists: [],
      };
    default: {
      const index = network.regionalNetworks.findIndex((entry) => entry.region === section);
      const at = ['regionalNetworks', index];
      return {
        title,
        fields: [
          field([...at, 'name'], 'Network name', 'Plain text, such as "North West MSO network".', 'text', 120),
          field([...at, 'summary'], 'About the network', 'One or two sentences for MSOs.', 'multiline', 600),
          field([...at, 'lead', 'name'], "Lead's name", PERSON_HELP.name, 'text', 120),
          field([...at, 'lead', 'role'], "Lead's role", 'Optional job title.', 'text', 200, true),
          field([...at, 'lead', 'email'], "Lead's email", PERSON_HELP.email, 'email', 254),
          field([...at, 'lead', 'teamsUpn'], "Lead's Teams sign-in name", PERSON_HELP.teamsUpn, 'email', 254, true),
          field(
            [...at, 'leadAadObjectId'],
            "Lead's Teams account",
            'Pick the regional lead: they may then edit this entry and see buddy requests from the region.',
            'person',
            36,
            true,
          ),
          field([...at, 'pageUrl'], 'Network page', 'Optional https:// link.', 'url', 2000, true),
          field(
            [...at, 'teamsChannelUrl'],
            'Network channel',
            'Optional https:// link to a Teams channel.',
            'url',
            2000,
            true,
          ),
        ],
        lists: [
          {
            path: [...at, 'deputies'],
            slots: Math.min(10, (network.regionalNetworks[index]?.deputies?.length ?? 0) + 1),
            item: [
              { label: 'Name', help: '', kind: 'text', maxLength: 120 },
              { label: 'Email', help: '', kind: 'email', maxLength: 254 },
            ],
            itemKeys: ['name', 'email'],
            itemLabel: 'Deputy',
          },
        ],
      };
    }
  }
}

/** Every input of a section, lists unrolled into numbered rows. */
export function allFields(spec: SectionSpec): FieldSpec[] {
  return [
    ...spec.fields,
    ...spec.lists.flatMap((list) =>
      Array.from({ length: list.slots }, (_, row) =>
        list.item.map((item, column) => ({
          ...item,
          id: [...list.path, row, list.itemKeys[column] ?? ''].join('.'),
          label: `${list.itemLabel} ${String(row + 1)}: ${item.label.toLowerCase()}`,
          optional: true,
        })),
      ).flat(),
    ),
  ];
}

/** The section's values as the card shows them, by input id. */
export function sectionValues(spec: SectionSpec, network: NetworkDirectory): Record<string, string> {
  return Object.fromEntries(
    allFields(spec).map((input) => {
      const value = valueAt(network, input.id.split('.'));
      return [input.id, typeof value === 'string' ? value : ''];
    }),
  );
}

/** A short fingerprint of a section as it was read: a save over a changed section is a conflict. */
export function sectionHash(spec: SectionSpec, network: NetworkDirectory): string {
  return createHash('sha256')
    .update(JSON.stringify(sectionValues(spec, network)))
    .digest('base64url')
    .slice(0, 16);
}

export type SectionCheck =
  | { ok: true; network: NetworkDirectory; changed: string[] }
  | { ok: false; errors: Record<string, string>; message: string | undefined };

/**
 * The directory with this section's inputs put in, checked with the same rules as the directory
 * file. Errors are keyed by input id; what the schema says about a place no input holds is the message.
 */
export function applySection(
  spec: SectionSpec,
  network: NetworkDirectory,
  inputs: Readonly<Record<string, string>>,
): SectionCheck {
  const draft = structuredClone(network) as unknown as Record<string, unknown>;
  for (const input of spec.fields) setAt(draft, input.id.split('.'), clean(inputs[input.id]));
  /** Where each kept list row came from, so an error on row 0 of the result lands on the row typed. */
  const rowOrigins = new Map<string, string>();
  for (const list of spec.lists) {
    const rows: Record<string, string>[] = [];
    for (let row = 0; row < list.slots; row += 1) {
      const values = Object.fromEntries(
        list.itemKeys.map((key) => [key, clean(inputs[[...list.path, row, key].join('.')]) ?? '']),
      );
      if (Object.values(values).every((value) => value === '')) continue;
      rowOrigins.set([...list.path, rows.length].join('.'), [...list.path, row].join('.'));
      rows.push(values);
    }
    setAt(draft, list.path.map(String), rows.length > 0 || !isOptionalList(list) ? rows : undefined);
  }
  const checked = checkNetworkDirectory(draft);
  if (checked.ok) {
    const before = sectionValues(spec, network);
    const after = sectionValues(spec, checked.network);
    const stale = staleSignInNames(spec, before, after);
    if (Object.keys(stale).length > 0) return { ok: false, errors: stale, message: undefined };
    const changed = allFields(spec)
      .filter((input) => before[input.id] !== after[input.id])
      .map((input) => changedLabel(input));
    return { ok: true, network: checked.network, changed: [...new Set(changed)] };
  }
  const ids = new Set(allFields(spec).map((input) => input.id));
  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of checked.issues) {
    let id = issue.path.join('.');
    const list = spec.lists.find((candidate) => candidate.path.join('.') === id);
    if (list) id = [...list.path, 0, list.itemKeys[0] ?? ''].join('.');
    for (const [kept, typed] of rowOrigins) if (id.startsWith(`${kept}.`)) id = typed + id.slice(kept.length);
    if (ids.has(id)) errors[id] ??= plainMessage(issue);
    else unplaced.push(plainMessage(issue));
  }
  return { ok: false, errors, message: unplaced[0] };
}

/**
 * A new person's email with the old person's Teams sign-in name would open a chat with the
 * previous lead: the sign-in name must change too, or be left empty to use the email.
 */
function staleSignInNames(
  spec: SectionSpec,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const input of spec.fields) {
    if (!input.id.endsWith('.teamsUpn')) continue;
    const email = input.id.replace(/teamsUpn$/, 'email');
    if (after[email] !== before[email] && after[input.id] !== '' && after[input.id] === before[input.id])
      errors[input.id] =
        'The email changed but this is still the previous sign-in name, so "Chat in Teams" would open a chat with them. Give the new sign-in name, or leave it empty to use the email.';
  }
  return errors;
}

/** "lead email", "page": how the audit log and the saved message name a changed field. */
function changedLabel(input: FieldSpec): string {
  const label = input.label.replace(/^Lead's /, 'lead ').replace(/: .*$/, '');
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function isOptionalList(list: ListSpec): boolean {
  return list.path.at(-1) === 'deputies';
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/** The schema's wording, made into a sentence a pharmacist can act on. */
function plainMessage(issue: { code: string; message: string; minimum?: unknown; maximum?: unknown }): string {
  if (issue.code === 'too_small' && issue.minimum === 1) return 'This cannot be empty.';
  if (issue.code === 'too_big' && typeof issue.maximum === 'number')
    return `This is too long: at most ${String(issue.maximum)} characters.`;
  if (issue.code === 'invalid_type') return 'This cannot be empty.';
  const message = issue.message.replace(/^must/, 'This must');
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Sets the value at the path; `undefined` removes it, and any object it leaves empty ("reporting": {}). */
function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const parents: Record<string, unknown>[] = [];
  let node: Record<string, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    parents.push(node);
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1) ?? '';
  if (value !== undefined) {
    node[last] = value;
    return;
  }
  Reflect.deleteProperty(node, last);
  for (let depth = parents.length - 1; depth >= 0 && Object.keys(node).length === 0; depth -= 1) {
    const parent = parents[depth];
    if (!parent) break;
    Reflect.deleteProperty(parent, path[depth] ?? '');
    node = parent;
  }
}
