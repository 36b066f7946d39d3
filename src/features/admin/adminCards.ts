import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import type { BotDeps } from '../botDeps.js';
import type { VersionInfo } from '../directory/directoryVersions.js';
import type { NetworkDirectory } from '../directory/networkDirectory.js';
import type { AddedLead } from '../leads/leadRoster.js';
import { LEAD_COMMANDS } from '../questions/commands.js';
import type { Intent } from '../questions/intents.js';
import { VERBS } from '../verbs.js';
import {
  allFields,
  sectionHash,
  sectionIds,
  sectionSpec,
  sectionTitle,
  sectionValues,
  type FieldSpec,
  type SectionId,
} from './directorySections.js';
import { unnamed, type PersonChoice } from './knownPeople.js';
import { sampleWarning } from './sampleWarning.js';

type Colour = 'Default' | 'Good' | 'Attention';
type Fact = { title: string; value: string };

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    leadMenu: {
      title: string;
      warning: string;
      waiting: string;
      items: readonly { title: string; description: string; intent: Intent }[];
      footer: string;
      verbs: { askQuestion: string };
    };
    directorySettings: {
      warning: string;
      message: string;
      messageColour: Colour;
      intro: string;
      sections: readonly { section: SectionId; title: string; facts: readonly Fact[]; editable: boolean }[];
      showHistory: boolean;
      verbs: { edit: string; askQuestion: string };
    };
    directorySection: {
      title: string;
      warning: string;
      message: string;
      messageColour: Colour;
      intro: string;
      fields: readonly (FieldSpec & { value: string; error: string; theirs: string })[];
      people: readonly PersonChoice[];
      saveTitle: string;
      save: { verb: string; data: { section: SectionId; sectionHash: string } };
      back: { verb: string; data: { intent: Intent } };
    };
    directoryHistory: {
      warning: string;
      message: string;
      messageColour: Colour;
      intro: string;
      versions: readonly { title: string; line: string; version: string; restorable: boolean }[];
      verbs: { restore: string };
    };
    leads: {
      warning: string;
      message: string;
      messageColour: Colour;
      people: readonly { name: string; line: string; id: string; removable: boolean }[];
      candidates: readonly PersonChoice[];
      error: string;
      verbs: { add: string; remove: string };
    };
  }
}

registerCardTemplates('admin', ['leadMenu', 'directorySettings', 'directorySection', 'directoryHistory', 'leads']);

/** A message at the top of a card: what was saved, or what to fix. */
export interface Notice {
  text: string;
  good?: boolean;
}

const noticeOf = (notice: Notice | undefined): { message: string; messageColour: Colour } => ({
  message: notice?.text ?? '',
  messageColour: notice === undefined ? 'Default' : notice.good ? 'Good' : 'Attention',
});

/** The lead menu lists the lead commands (the help card's list), each with a button, itself left out. */
const LEAD_ITEMS = LEAD_COMMANDS.filter((command) => command.intent !== 'leadMenu').map((command) => ({
  ...command,
  title: command.title.charAt(0).toUpperCase() + command.title.slice(1),
}));

/** A lead's home card: every lead action, and what is waiting for them. */
export function leadMenuCard(
  deps: Pick<BotDeps, 'directory' | 'localMode'>,
  counts: { toDecide: number; toMatch: number; openQuestions: number },
): AdaptiveCardJson {
  const waiting =
    counts.toDecide + counts.toMatch + counts.openQuestions === 0
      ? 'Nothing is waiting for you: every buddy request has been decided and every question answered.'
      : `Waiting for you: ${plural(counts.toDecide, 'buddy request')} to decide, ${plural(counts.toMatch, 'approved request')} needing a buddy, ${plural(counts.openQuestions, 'open question')} from MSOs.`;
  return renderCard('leadMenu', {
    title: 'Lead menu',
    warning: sampleWarning(deps),
    waiting,
    items: LEAD_ITEMS,
    footer: 'Type "lead menu" at any time to come back here.',
    verbs: { askQuestion: VERBS.askQuestion },
  });
}

/** A regional lead's home card: their own region's entry. */
export function regionalLeadMenuCard(
  deps: Pick<BotDeps, 'directory' | 'localMode'>,
  regionName: string,
  waitingInRegion: number,
): AdaptiveCardJson {
  return renderCard('leadMenu', {
    title: `Lead menu: ${regionName}`,
    warning: sampleWarning(deps),
    waiting:
      waitingInRegion === 0
        ? `No buddy request from ${regionName} is waiting for a decision.`
        : `${plural(waitingInRegion, 'buddy request')} from ${regionName} waiting for the national lead's decision (you get a copy of each).`,
    items: [
      {
        title: `Edit the ${regionName} entry`,
        description: 'Your network, its lead, deputies and pages',
        intent: 'directorySettings',
      },
    ],
    footer: 'You lead a regional network, so you can keep its entry right. The national lead and deputies do the rest.',
    verbs: { askQuestion: VERBS.askQuestion },
  });
}

/** Every section with what it says now; `editable` names the sections this person may edit. */
export function directorySettingsCard(
  deps: Pick<BotDeps, 'directory' | 'localMode'>,
  editable: (section: SectionId) => boolean,
  notice?: Notice,
): AdaptiveCardJson {
  const { network, reference } = deps.directory;
  const lead = editable('national');
  return renderCard('directorySettings', {
    warning: sampleWarning(deps),
    ...noticeOf(notice),
    intro: lead
      ? 'What the bot tells MSOs about the network. Press Edit on a part to change it: the bot uses the change within seconds, and every version is kept.'
      : 'What the bot tells MSOs about the network. You can edit your own region; the national lead and deputies keep the rest.',
    sections: sectionIds(network).map((section) => ({
      section,
      title: sectionTitle(section, reference),
      facts: sectionFacts(network, section),
      editable: editable(section),
    })),
    showHistory: lead,
    verbs: { edit: VERBS.editDirectorySection, askQuestion: VERBS.askQuestion },
  });
}

export interface SectionCardState {
  /** What was typed, kept when something needs fixing or someone else saved first. */
  typed?: Readonly<Record<string, string>>;
  errors?: Readonly<Record<string, string>>;
  /** Someone else's saved values, shown beside the typed ones after a conflict. */
  theirs?: Readonly<Record<string, string>>;
  notice?: Notice;
}

/**
 * A people picker may not show who is picked (the Agents Playground leaves it blank although the
 * value is there and is sent back): the line under it says so in words.
 */
function personHelp(help: string, choices: readonly PersonChoice[], value: string | undefined): string {
  const picked = value ? choices.find((choice) => choice.value === value)?.title : undefined;
  return `${help} ${picked ? `Picked now: ${escapeCardText(picked, 100)}.` : 'Nobody is picked now.'}`;
}

/** The edit card of one section: its fields as saved (or as typed), checked field by field. */
export function sectionCard(
  deps: Pick<BotDeps, 'directory' | 'localMode'>,
  section: SectionId,
  people: readonly PersonChoice[],
  state: SectionCardState = {},
  options: { canPickRegionalLead: boolean } = { canPickRegionalLead: true },
): AdaptiveCardJson {
  const { network, reference } = deps.directory;
  const spec = sectionSpec(section, network, reference);
  const saved = sectionValues(spec, network);
  const fields = allFields(spec).filter((input) => input.kind !== 'person' || options.canPickRegionalLead);
  const values = { ...saved, ...state.typed };
  // A person picked who is not among the known people still shows by name, not as an empty choice.
  const choices = [...people];
  for (const input of fields)
    if (input.kind === 'person' && values[input.id] && !choices.some((choice) => choice.value === values[input.id]))
      choices.unshift({
        title: network.regionalNetworks.find((n) => n.region === section)?.lead.name ?? 'Current regional lead',
        value: values[input.id] ?? '',
      });
  return renderCard('directorySection', {
    title: `Edit: ${spec.title.replace(/^The /, 'the ')}`,
    warning: sampleWarning(deps),
    ...noticeOf(state.notice),
    intro:
      'Emails must be email addresses, links must start with https://, and names are plain text. Nothing is saved until every field is right.',
    fields: fields.map((input) => ({
      ...input,
      help: input.kind === 'person' ? personHelp(input.help, choices, values[input.id]) : input.help,
      value: values[input.id] ?? '',
      error: state.errors?.[input.id] ?? '',
      theirs:
        state.theirs && state.theirs[input.id] !== values[input.id]
          ? `Saved meanwhile: ${state.theirs[input.id] ? escapeCardText(state.theirs[input.id] ?? '', 300) : '(empty)'}`
          : '',
    })),
    people: choices,
    saveTitle: state.theirs ? 'Save mine instead' : 'Save',
    save: {
      verb: VERBS.saveDirectorySection,
      data: { section, sectionHash: sectionHash(spec, network) },
    },
    back: { verb: VERBS.askQuestion, data: { intent: 'directorySettings' } },
  });
}

/** The last versions, newest first, each but the current one with a Restore button. */
export function historyCard(
  deps: Pick<BotDeps, 'directory' | 'localMode'>,
  versions: readonly VersionInfo[],
  notice?: Notice,
): AdaptiveCardJson {
  const current = deps.directory.version;
  const rows = versions.map((info) => ({
    title: `Version ${String(info.version)}${info.version === current ? ' (in use)' : ''}`,
    line: `${formatFullUkDateTime(info.savedAt)}: ${escapeCardText(info.savedByName, 100)} ${
      info.restoredFrom === undefined
        ? `changed ${sectionTitle(info.section as SectionId, deps.directory.reference).replace(/^The /, 'the ')}`
        : `restored version ${String(info.restoredFrom)}`
    }`,
    version: String(info.version),
    restorable: info.version !== current,
  }));
  const startingPoint = {
    title: `Version 0${current === 0 ? ' (in use)' : ''}`,
    line: 'The directory the bot started from (its directory file), before any change on a card.',
    version: '0',
    restorable: current !== 0,
  };
  return renderCard('directoryHistory', {
    warning: sampleWarning(deps),
    ...noticeOf(notice),
    intro:
      versions.length === 0
        ? 'Nobody has changed the directory on a card yet: the bot uses its directory file.'
        : 'The latest versions, newest first. Restoring one makes it the newest version; nothing is deleted.',
    versions: versions.length < 20 ? [...rows, startingPoint] : rows,
    verbs: { restore: VERBS.restoreDirectoryVersion },
  });
}

/** Owners (from the service's settings, not removable here) and the leads they added. */
export function leadsCard(
  deps: Pick<BotDeps, 'directory' | 'localMode'>,
  owners: readonly { id: string; name: string | undefined }[],
  added: readonly AddedLead[],
  candidates: readonly PersonChoice[],
  state: { notice?: Notice; error?: string } = {},
): AdaptiveCardJson {
  const label = (name: string | undefined, id: string) => (name ? escapeCardText(name, 100) : unnamed(id));
  return renderCard('leads', {
    warning: sampleWarning(deps),
    ...noticeOf(state.notice),
    people: [
      ...owners.map((owner) => ({
        name: label(owner.name, owner.id),
        line: 'Owner: set in the service settings, cannot be removed here',
        id: owner.id,
        removable: false,
      })),
      ...added.map((lead) => ({
        name: label(lead.name, lead.id),
        line: `Lead since ${formatFullUkDateTime(lead.addedAt)}`,
        id: lead.id,
        removable: true,
      })),
    ],
    candidates: candidates.filter(
      (candidate) => !owners.some((o) => o.id === candidate.value) && !added.some((a) => a.id === candidate.value),
    ),
    error: state.error ?? '',
    verbs: { add: VERBS.addLead, remove: VERBS.removeLead },
  });
}

function sectionFacts(network: NetworkDirectory, section: SectionId): Fact[] {
  const text = (value: string | undefined) => (value ? escapeCardText(value, 120) : 'not set');
  switch (section) {
    case 'national':
      return [
        { title: 'Name', value: text(network.nationalLead.person.name) },
        { title: 'Email', value: text(network.nationalLead.person.email) },
      ];
    case 'steering':
      return [
        {
          title: 'Members',
          value:
            network.steeringGroup.members.map((member) => `${member.name} (${member.organisation})`).join(', ') ||
            'none',
        },
      ];
    case 'answers':
      return [
        { title: 'Covers', value: 'the network, training, the buddy scheme, the webinar, the RPS and reporting' },
        { title: 'RPS resources', value: String(network.rps.resources.length) },
      ];
    case 'source':
      return [
        { title: 'Title', value: text(network.source.title) },
        { title: 'Link', value: text(network.source.url) },
      ];
    default: {
      const entry = network.regionalNetworks.find((candidate) => candidate.region === section);
      if (!entry) return [];
      return [
        { title: 'Lead', value: text(entry.lead.name) },
        { title: 'Email', value: text(entry.lead.email) },
        { title: 'Page', value: text(entry.pageUrl) },
        {
          title: 'Can edit here',
          value: entry.leadAadObjectId ? 'yes (Teams account picked)' : 'no Teams account picked',
        },
      ];
    }
  }
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}
