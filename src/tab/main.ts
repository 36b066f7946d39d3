import type {
  DirectoryResponse,
  OrganisationSearchResponse,
  RegionalNetworkEntry,
  WebinarResponse,
} from '../http/directoryApi.js';
import { fetchDirectory, fetchWebinar, searchOrganisations } from './api.js';
import { byId, h } from './dom.js';
import {
  errorPanel,
  nationalSection,
  networkCard,
  organisationMatches,
  regionalSection,
  sampleNotice,
  sourceFooter,
  TEAMS_LINK_ATTRIBUTE,
  webinarSection,
} from './render.js';
import { networkMatches } from './search.js';
import { connectToTeams, notifyLoaded, openTeamsLink, type HostContext } from './teamsHost.js';
import { applyTheme, themeFromQuery } from './theme.js';

/** Typing pauses this long before the organisation lookup goes to the server. */
const ORGANISATION_SEARCH_DELAY_MS = 250;
const DEFAULT_LOCALE = 'en-GB';

interface Page {
  host: HostContext;
  locale: string;
}

function plural(count: number): string {
  return count === 1 ? '1 network' : `${count} networks`;
}

/** The regional list and its search box; owns the lookup in flight. */
function startSearch(networks: RegionalNetworkEntry[]): void {
  const input = byId('search', HTMLInputElement);
  const list = byId('networks', HTMLUListElement);
  const count = byId('result-count', HTMLParagraphElement);
  const organisationsBox = byId('organisation-matches', HTMLDivElement);
  const cards = new Map(networks.map((network) => [network.region.code, networkCard(network)]));
  list.append(...cards.values());

  let timer: number | undefined;
  let lookup: AbortController | undefined;

  const show = (
    visible: ReadonlySet<string>,
    message: string,
    organisations: OrganisationSearchResponse | null = null,
  ) => {
    for (const [code, card] of cards) card.hidden = !visible.has(code);
    organisationsBox.replaceChildren(
      ...[organisations ? organisationMatches(organisations) : null].filter((node) => node !== null),
    );
    count.textContent = message;
  };

  const update = () => {
    const query = input.value.trim();
    window.clearTimeout(timer);
    lookup?.abort();
    if (!query) return show(new Set(cards.keys()), `Showing all ${plural(networks.length)}.`);
    const local = networks.filter((network) => networkMatches(network, query));
    if (local.length > 0 || query.length < 2) {
      const message =
        local.length === 0
          ? `No network matches “${query}”.`
          : `${plural(local.length)} ${local.length === 1 ? 'matches' : 'match'} “${query}”.`;
      return show(new Set(local.map((network) => network.region.code)), message);
    }
    // Not a region or lead: perhaps the MSO typed their trust or ICB.
    show(new Set(), `Looking for an organisation called “${query}”…`);
    const controller = new AbortController();
    lookup = controller;
    timer = window.setTimeout(() => {
      searchOrganisations(query, controller.signal).then(
        (result) => {
          if (controller.signal.aborted) return;
          const regions = new Set(result.matches.map((match) => match.region.code));
          if (regions.size === 0) {
            return show(
              regions,
              `No network, lead or organisation matches “${query}”. Try a region such as North West, a trust or ICB name, or an ODS code.`,
            );
          }
          const names = [...new Set(result.matches.map((match) => match.region.name))].join(' and ');
          show(regions, `${plural(regions.size)} for “${query}”: ${names}.`, result);
        },
        () => {
          if (controller.signal.aborted) return;
          show(
            new Set(),
            `No network matches “${query}”, and the organisation search is not answering. Try again in a moment.`,
          );
        },
      );
    }, ORGANISATION_SEARCH_DELAY_MS);
  };

  input.addEventListener('input', update);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      input.value = '';
      update();
    }
  });
  update();
}

function render(page: Page, directory: DirectoryResponse, webinar: WebinarResponse | undefined): void {
  const main = byId('content', HTMLElement);
  main.replaceChildren(
    ...[sampleNotice(directory)].filter((node) => node !== null),
    h('div', { class: 'overview' }, nationalSection(directory), webinarSection(webinar, page.locale)),
    regionalSection(),
    sourceFooter(directory),
  );
  main.setAttribute('aria-busy', 'false');
  startSearch(directory.regionalNetworks);
}

async function load(page: Page, afterRetry: boolean): Promise<void> {
  const main = byId('content', HTMLElement);
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading the directory…'));
  // The webinar panel is extra: the directory shows without it.
  const webinar = fetchWebinar().catch(() => undefined);
  try {
    const directory = await fetchDirectory();
    render(page, directory, await webinar);
    if (afterRetry) byId('regional-heading', HTMLHeadingElement).focus();
  } catch {
    main.replaceChildren(errorPanel(() => void load(page, true)));
    main.setAttribute('aria-busy', 'false');
    if (afterRetry) main.querySelector('button')?.focus();
  }
}

function start(): void {
  applyTheme(themeFromQuery(window.location.search) ?? 'default');
  const page: Page = { host: { inTeams: false }, locale: DEFAULT_LOCALE };

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest(`a[${TEAMS_LINK_ATTRIBUTE}]`) : null;
    if (link instanceof HTMLAnchorElement && openTeamsLink(page.host, link.href)) event.preventDefault();
  });

  // The directory loads at once; Teams' theme and locale follow when (and if) Teams answers.
  const loaded = load(page, false);
  void connectToTeams(applyTheme).then(async (host) => {
    page.host = host;
    if (host.theme) applyTheme(host.theme);
    if (host.locale) {
      page.locale = host.locale;
      document.documentElement.lang = host.locale;
    }
    await loaded;
    notifyLoaded(host);
  });
}

start();
