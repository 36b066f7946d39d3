import type {
  DirectoryContact,
  DirectoryResponse,
  NextWebinar,
  OrganisationSearchResponse,
  RegionalNetworkEntry,
  WebinarResponse,
} from '../http/directoryApi.js';
import { h } from './dom.js';

/** Links that Teams must open itself (chat deep links); see openTeamsLink. */
export const TEAMS_LINK_ATTRIBUTE = 'data-teams-link';

function externalLink(url: string, text: string, label?: string): HTMLAnchorElement {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', 'aria-label': label }, text);
}

/** Email and Teams chat for one person, as buttons with the person's name for screen readers. */
function contactActions(contact: DirectoryContact, extra: HTMLElement[] = []): HTMLElement {
  return h(
    'ul',
    { class: 'actions' },
    h(
      'li',
      {},
      h('a', { class: 'action', href: `mailto:${contact.email}`, 'aria-label': `Email ${contact.name}` }, 'Email'),
    ),
    h(
      'li',
      {},
      h(
        'a',
        {
          class: 'action',
          href: contact.teamsChatUrl,
          target: '_blank',
          rel: 'noopener noreferrer',
          [TEAMS_LINK_ATTRIBUTE]: '',
          'aria-label': `Chat with ${contact.name} in Teams`,
        },
        'Chat in Teams',
      ),
    ),
    extra.map((item) => h('li', {}, item)),
  );
}

function person(contact: DirectoryContact, label: string): HTMLElement {
  return h(
    'dl',
    { class: 'person' },
    h('dt', {}, label),
    h(
      'dd',
      {},
      h('span', { class: 'person-name' }, contact.name),
      contact.role ? h('span', { class: 'person-role' }, contact.role) : null,
    ),
    h('dt', {}, 'Email'),
    // Text to copy; the Email button below is the one link, so each card has few tab stops.
    h('dd', { class: 'email' }, contact.email),
  );
}

export function nationalSection(directory: DirectoryResponse): HTMLElement {
  const { nationalLead, steeringGroup } = directory;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'national-heading' },
    h('h2', { id: 'national-heading' }, 'National MSO network lead'),
    h('p', { class: 'secondary' }, nationalLead.role),
    person(nationalLead.contact, 'Lead'),
    h('p', {}, nationalLead.summary),
    contactActions(nationalLead.contact),
    h(
      'details',
      { class: 'steering' },
      h('summary', {}, `Steering group (${steeringGroup.members.length} members)`),
      h('p', {}, steeringGroup.summary),
      h(
        'ul',
        { class: 'plain-list' },
        steeringGroup.members.map((member) =>
          h('li', {}, h('span', { class: 'person-name' }, member.name), ` · ${member.organisation} · ${member.role}`),
        ),
      ),
    ),
  );
}

function formatWebinarTime(next: NextWebinar, locale: string): string {
  const start = new Date(next.start);
  const date = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: next.timeZone,
  }).format(start);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: next.timeZone,
    timeZoneName: 'short',
  });
  const end = next.end ? new Date(next.end) : undefined;
  return end ? `${date}, ${time.format(start)} to ${time.format(end)}` : `${date}, ${time.format(start)}`;
}

export function webinarSection(webinar: WebinarResponse | undefined, locale: string): HTMLElement {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'webinar-heading' },
    h('h2', { id: 'webinar-heading' }, 'Next MSO webinar'),
  );
  if (!webinar) {
    section.append(
      h('p', { class: 'notice' }, 'The webinar details could not be loaded. They will show when the page is reloaded.'),
    );
    return section;
  }
  section.append(h('p', {}, webinar.summary));
  const { next } = webinar;
  if (next) {
    section.append(h('p', { class: 'webinar-when' }, formatWebinarTime(next, locale)));
    if (next.topic) section.append(h('p', {}, h('span', { class: 'label' }, 'Topic: '), next.topic));
    section.append(
      h(
        'ul',
        { class: 'actions' },
        next.joinUrl
          ? h(
              'li',
              {},
              h(
                'a',
                {
                  class: 'action primary',
                  href: next.joinUrl,
                  target: '_blank',
                  rel: 'noopener noreferrer',
                  [TEAMS_LINK_ATTRIBUTE]: '',
                },
                'Join the webinar',
              ),
            )
          : null,
        next.icsUrl
          ? h('li', {}, h('a', { class: 'action', href: next.icsUrl, download: 'mso-webinar.ics' }, 'Add to calendar'))
          : null,
      ),
    );
  } else {
    section.append(
      h('p', { class: 'notice', id: 'webinar-coming-soon' }, 'The date, time and calendar link are coming soon.'),
    );
  }
  if (webinar.contactEmail) {
    section.append(
      h(
        'p',
        { class: 'secondary' },
        'Questions about the webinar: ',
        h('a', { href: `mailto:${webinar.contactEmail}` }, webinar.contactEmail),
      ),
    );
  }
  return section;
}

export function networkCard(network: RegionalNetworkEntry): HTMLElement {
  const headingId = `network-${network.region.code}`;
  const links: HTMLElement[] = [];
  if (network.pageUrl) links.push(externalLink(network.pageUrl, 'Network page', `${network.name} page`));
  if (network.teamsChannelUrl)
    links.push(externalLink(network.teamsChannelUrl, 'Teams channel', `${network.name} Teams channel`));
  for (const link of links) link.classList.add('action');
  return h(
    'li',
    { class: 'card network', 'data-region': network.region.code, 'aria-labelledby': headingId },
    h('p', { class: 'region' }, network.region.name),
    h('h3', { id: headingId }, network.name),
    person(network.lead, 'Lead'),
    network.deputies.map((deputy) => person(deputy, 'Deputy')),
    contactActions(network.lead, links),
  );
}

export function regionalSection(): HTMLElement {
  return h(
    'section',
    { class: 'regional', 'aria-labelledby': 'regional-heading' },
    h('h2', { id: 'regional-heading', tabindex: '-1' }, 'Regional MSO networks'),
    h(
      'div',
      { class: 'search', role: 'search' },
      h('label', { for: 'search' }, 'Find your network'),
      h(
        'p',
        { id: 'search-hint', class: 'secondary' },
        'Type a region, network or lead, or your trust or ICB (name, short form or ODS code, for example RR8).',
      ),
      h('input', {
        id: 'search',
        type: 'search',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': 'search-hint',
        'aria-controls': 'networks',
        maxlength: '120',
      }),
    ),
    h('p', { id: 'result-count', class: 'result-count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    h('div', { id: 'organisation-matches' }),
    h('ul', { id: 'networks', class: 'network-list' }),
  );
}

export function organisationMatches(search: OrganisationSearchResponse): HTMLElement | null {
  if (search.matches.length === 0) return null;
  return h(
    'div',
    { class: 'organisations' },
    h('p', {}, search.matches.length === 1 ? 'Organisation found:' : 'Organisations found:'),
    h(
      'ul',
      { class: 'plain-list' },
      search.matches.map((match) =>
        h(
          'li',
          {},
          h('span', { class: 'person-name' }, match.name),
          match.replaced ? ` (${match.code}): ${match.replaced}` : ` (${match.code}) is in ${match.region.name}`,
        ),
      ),
    ),
  );
}

export function sourceFooter(directory: DirectoryResponse): HTMLElement {
  return h(
    'footer',
    { class: 'page-footer' },
    h(
      'p',
      {},
      'Source: ',
      externalLink(directory.source.url, directory.source.title),
      ` · directory version ${directory.version}`,
    ),
  );
}

/** Said at the top, so nobody mistakes the shipped sample for the real contacts. */
export function sampleNotice(directory: DirectoryResponse): HTMLElement | null {
  if (!directory.sample) return null;
  return h(
    'p',
    { class: 'notice sample' },
    'Sample directory: every person shown here is fictional. The real contacts appear once the directory is configured.',
  );
}

export function errorPanel(onRetry: () => void): HTMLElement {
  const retry = h('button', { type: 'button', class: 'action primary' }, 'Try again');
  retry.addEventListener('click', onRetry);
  return h(
    'div',
    { class: 'card error', role: 'alert' },
    h('h2', {}, 'The directory could not be loaded. Try again in a moment.'),
    h('p', { class: 'secondary' }, 'If it keeps happening, the bot can answer the same questions in chat.'),
    retry,
  );
}
