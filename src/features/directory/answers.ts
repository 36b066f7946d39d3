import { answer, type Answer } from '../answerCard.js';
import { PUBLIC_FACTS, PUBLIC_LINKS } from './publicFacts.js';
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
        { title: 'Ask the national lead', intent: 'askLead' },
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

  /**
   * Reporting nationally: medication incidents to LFPSE, suspected adverse reactions to Yellow
   * Card. `about`: which the question asked, answered first.
   */
  reporting(about: 'incident' | 'reaction'): Answer {
    const incidents = {
      paragraph: PUBLIC_FACTS.incidents,
      link: { title: 'Report to LFPSE', url: PUBLIC_LINKS.lfpse.url },
    };
    const reactions = {
      paragraph: PUBLIC_FACTS.adverseReactions,
      link: { title: 'Report a Yellow Card', url: PUBLIC_LINKS.yellowCard.url },
    };
    const [first, second] = about === 'reaction' ? [reactions, incidents] : [incidents, reactions];
    return this.answer({
      title: about === 'reaction' ? 'Reporting a suspected adverse drug reaction' : 'Reporting medication incidents',
      // What the network adds, if the leads wrote something, comes after the public facts.
      paragraphs: [
        first.paragraph,
        second.paragraph,
        ...(this.directory.reporting ? [this.directory.reporting.summary] : []),
      ],
      links: [first.link, second.link],
      asks: [
        { title: 'Where are the safety alerts?', intent: 'safetyAlerts' },
        { title: 'Who is my regional lead?', intent: 'regionalLead' },
      ],
    });
  }

  /** What an MSO is and why the role exists, from the public facts. */
  msoRole(): Answer {
    return answer({
      title: 'The Medication Safety Officer (MSO) role',
      paragraphs: [...PUBLIC_FACTS.msoRole],
      source: PUBLIC_LINKS.sps,
      asks: [
        { title: 'What is the MSO network?', intent: 'networkAbout' },
        { title: 'What is the buddy scheme?', intent: 'buddyAbout' },
        { title: 'Who is my regional lead?', intent: 'regionalLead' },
      ],
    });
  }

  /** National patient safety alerts: where they are published. */
  safetyAlerts(): Answer {
    return answer({
      title: 'National patient safety alerts',
      paragraphs: [PUBLIC_FACTS.safetyAlerts],
      links: [{ title: 'Open the Central Alerting System', url: PUBLIC_LINKS.cas.url }],
      source: PUBLIC_LINKS.cas,
      asks: [
        { title: 'How do I report a medication incident?', intent: 'reporting' },
        { title: 'What is an MSO?', intent: 'msoRole' },
      ],
    });
  }
}
