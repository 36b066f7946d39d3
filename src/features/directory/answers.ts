import { answer, type Answer } from '../answerCard.js';
import { regionalNetworkFor, type DirectoryPerson, type NetworkDirectory } from './networkDirectory.js';
import type { ReferenceData, RegionCode } from './referenceData.js';

export function teamsChatLink(person: DirectoryPerson): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(person.teamsUpn ?? person.email)}`;
}

export function contactLinks(person: DirectoryPerson, who: string): Answer['links'] {
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

  /** An answer citing the directory's source. */
  private answer(fields: Partial<Answer> & Pick<Answer, 'title' | 'paragraphs'>): Answer {
    return answer({ source: this.directory.source, ...fields });
  }

  /** The regional network (or its lead) for a region; `note`: how the bot knew the region, said under it. */
  regionalNetwork(region: RegionCode, focus: 'network' | 'lead', note: string | undefined): Answer {
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
      note,
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
}
