import type { Answer } from '../answerCard.js';
import { formatWebinarTime, NO_JOIN_LINK_YET, type NextOccurrence } from '../webinar/index.js';
import { regionalNetworkFor, type DirectoryPerson, type NetworkDirectory } from './networkDirectory.js';
import type { ReferenceData, RegionCode } from './referenceData.js';

/** A reply to a question, as plain data: the bot turns it into a card. */
/** What the webinar answer shows about the next occurrence. */
export interface UpcomingWebinar extends NextOccurrence {
  /** The bot's calendar file for it; undefined when the bot's public address is not known. */
  calendarUrl: string | undefined;
}

/** How the bot knew which region was meant, said under a regional answer. */
export type RegionBasis =
  | { kind: 'named' }
  | { kind: 'organisation'; organisationName: string; saved: boolean }
  | { kind: 'profile'; organisationName: string | undefined };

export function teamsChatLink(person: DirectoryPerson): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(person.teamsUpn ?? person.email)}`;
}

function contactLinks(person: DirectoryPerson, who: string): Answer['links'] {
  return [
    { title: `Email ${who}`, url: `mailto:${person.email}` },
    { title: `Chat with ${who} in Teams`, url: teamsChatLink(person) },
  ];
}

/** Builds answers from the network directory and the reference data. */
export class Answers {
  constructor(
    private readonly directory: NetworkDirectory,
    private readonly reference: ReferenceData,
  ) {}

  private answer(fields: Partial<Answer> & Pick<Answer, 'title' | 'paragraphs'>): Answer {
    return { facts: [], links: [], asks: [], source: this.directory.source, note: undefined, ...fields };
  }

  regionalNetwork(region: RegionCode, basis: RegionBasis, focus: 'network' | 'lead'): Answer {
    const network = regionalNetworkFor(this.directory, region);
    const regionName = this.reference.region(region).name;
    const lead = network.lead;
    return this.answer({
      title: focus === 'lead' ? `${regionName}: your regional MSO network lead` : `${regionName}: ${network.name}`,
      paragraphs: focus === 'lead' ? [`${lead.name} leads the ${network.name}.`, network.summary] : [network.summary],
      facts: [
        { title: 'Region', value: `NHS England ${regionName}` },
        { title: 'Network', value: network.name },
        { title: 'Lead', value: lead.role ? `${lead.name}, ${lead.role}` : lead.name },
        { title: 'Email', value: lead.email },
        ...(network.deputies ?? []).map((deputy) => ({ title: 'Deputy', value: `${deputy.name} (${deputy.email})` })),
      ],
      links: [
        ...contactLinks(lead, 'the lead'),
        ...(network.pageUrl ? [{ title: 'Network page', url: network.pageUrl }] : []),
        ...(network.teamsChannelUrl ? [{ title: 'Network channel', url: network.teamsChannelUrl }] : []),
      ],
      asks: [
        { title: 'Who is the national lead?', intent: 'nationalLead' },
        { title: 'Change my organisation', intent: 'setOrganisation' },
      ],
      note: describeBasis(basis, regionName),
    });
  }

  nationalLead(): Answer {
    const { nationalLead, steeringGroup } = this.directory;
    return this.answer({
      title: 'The national MSO network lead',
      paragraphs: [nationalLead.summary, `Steering group: ${steeringGroup.summary}`],
      facts: [
        { title: 'Role', value: nationalLead.role },
        { title: 'Name', value: nationalLead.person.name },
        { title: 'Email', value: nationalLead.person.email },
      ],
      links: contactLinks(nationalLead.person, 'the national lead'),
      asks: [
        { title: 'Join the buddy scheme', intent: 'buddyJoin' },
        { title: 'Who is my regional lead?', intent: 'regionalLead' },
      ],
    });
  }

  steeringGroup(): Answer {
    const { steeringGroup } = this.directory;
    return this.answer({
      title: 'The MSO network steering group',
      paragraphs: [steeringGroup.summary],
      facts: steeringGroup.members.map((member) => ({
        title: member.organisation,
        value: `${member.name}, ${member.role}`,
      })),
      asks: [
        { title: 'When is the webinar?', intent: 'webinar' },
        { title: 'Who is the national lead?', intent: 'nationalLead' },
      ],
    });
  }

  /** The next webinar when one is scheduled, or an honest "no date" with who to ask. */
  webinar(upcoming: UpcomingWebinar | undefined): Answer {
    const { webinar, nationalLead } = this.directory;
    const askForInvitation = {
      title: 'Ask for the invitation',
      url: `mailto:${webinar.contactEmail ?? nationalLead.person.email}`,
    };
    const asks: Answer['asks'] = [{ title: 'What is the steering group?', intent: 'steeringGroup' }];
    if (!upcoming) {
      return this.answer({
        title: 'The monthly MSO webinar',
        paragraphs: [
          webinar.summary,
          'No date is scheduled in the bot at the moment: ask the national MSO network lead for the invitation.',
        ],
        links: [askForInvitation],
        asks,
      });
    }
    const { occurrence, inProgress, calendarUrl } = upcoming;
    return this.answer({
      title: inProgress ? 'The MSO webinar is on now' : 'The next MSO webinar',
      paragraphs: [webinar.summary, ...(occurrence.joinUrl ? [] : [NO_JOIN_LINK_YET])],
      facts: [
        { title: 'When', value: formatWebinarTime(occurrence) },
        ...(occurrence.topic ? [{ title: 'Topic', value: occurrence.topic }] : []),
      ],
      links: [
        occurrence.joinUrl ? { title: 'Join the webinar', url: occurrence.joinUrl } : askForInvitation,
        ...(calendarUrl ? [{ title: 'Add to calendar', url: calendarUrl }] : []),
      ],
      asks,
      note: 'The national MSO network lead sets the webinar schedule.',
    });
  }

  buddyAbout(): Answer {
    const { buddyScheme } = this.directory;
    return this.answer({
      title: 'The MSO buddy scheme',
      paragraphs: [buddyScheme.summary, buddyScheme.howToJoin],
      asks: [{ title: 'How do I join?', intent: 'buddyJoin' }],
    });
  }

  training(): Answer {
    return this.answer({
      title: 'Training for MSOs',
      paragraphs: [this.directory.training.summary],
      asks: [
        { title: 'What is the buddy scheme?', intent: 'buddyAbout' },
        { title: 'RPS resources', intent: 'rps' },
      ],
    });
  }

  rps(): Answer {
    const { rps } = this.directory;
    return this.answer({
      title: 'Royal Pharmaceutical Society resources',
      paragraphs: [rps.summary],
      links: rps.resources.map((resource) => ({ title: resource.title, url: resource.url })),
    });
  }

  networkAbout(): Answer {
    const { nationalNetwork } = this.directory;
    return this.answer({
      title: nationalNetwork.name,
      paragraphs: [nationalNetwork.summary, nationalNetwork.origin],
      facts: [{ title: 'Supported by', value: nationalNetwork.supportedBy.join(', ') }],
      asks: [
        { title: 'Who is the national lead?', intent: 'nationalLead' },
        { title: 'What is my regional network?', intent: 'regionalNetwork' },
      ],
    });
  }

  reporting(): Answer {
    return this.answer({
      title: 'Reporting medication incidents',
      paragraphs: [
        this.directory.reporting?.summary ??
          'Learn from Patient Safety Events (LFPSE) replaced the NRLS, which closed on 30 June 2024. The MHRA Yellow Card scheme remains the route for suspected adverse drug reactions.',
      ],
    });
  }

  /** For questions only the national lead and deputies may ask. */
  leadsOnly(title: string): Answer {
    return this.answer({
      title,
      paragraphs: ['Only the national MSO network lead and deputies can see this.'],
      links: contactLinks(this.directory.nationalLead.person, 'the national lead'),
    });
  }

  /** Counts of buddy requests by status and by region, for the leads. */
  buddySummary(requests: readonly { status: string; region: RegionCode; wayIn: string }[]): Answer {
    const count = (keep: (request: (typeof requests)[number]) => boolean) => String(requests.filter(keep).length);
    const statuses = ['pending', 'approved', 'matched', 'declined', 'withdrawn'] as const;
    return this.answer({
      title: 'The buddy scheme in numbers',
      paragraphs: [
        `${String(requests.length)} requests in all, ${count((request) => request.wayIn === 'mentor')} of them from mentors.`,
      ],
      facts: [
        ...statuses.map((status) => ({
          title: `${status.charAt(0).toUpperCase()}${status.slice(1)}`,
          value: count((request) => request.status === status),
        })),
        ...this.reference.regions.map((region) => ({
          title: region.name,
          value: count((request) => request.region === region.code),
        })),
      ],
      asks: [{ title: 'Pending requests', intent: 'buddyPending' }],
    });
  }

  remindersHowTo(): Answer {
    return this.answer({
      title: 'Webinar reminders',
      paragraphs: [
        'Type "stop reminders" or "start reminders" in the chat or channel where you want the reminders switched.',
      ],
    });
  }

  /** An honest answer for something the bot will do but does not do yet. */
  notYet(title: string, what: string): Answer {
    return this.answer({
      title,
      paragraphs: [
        `${what} is not available in this bot yet.`,
        'For anything urgent, contact the national MSO network lead.',
      ],
      links: contactLinks(this.directory.nationalLead.person, 'the national lead'),
    });
  }
}

function describeBasis(basis: RegionBasis, regionName: string): string | undefined {
  switch (basis.kind) {
    case 'named':
      return undefined;
    case 'organisation':
      return basis.saved
        ? `I have saved ${basis.organisationName} (${regionName}) as your organisation.`
        : `${basis.organisationName} is in NHS England ${regionName}.`;
    case 'profile':
      return basis.organisationName
        ? `Based on your organisation, ${basis.organisationName}.`
        : `Based on your region, ${regionName}.`;
  }
}
