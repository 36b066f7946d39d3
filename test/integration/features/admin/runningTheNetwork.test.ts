import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import {
  cardAction,
  installationUpdate,
  message,
  MSO,
  personalChatId,
  teamChannel,
  type Person,
} from '../../../support/activities.js';
import { buttonData, valuesOf } from '../../../support/cardElements.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

const OWNER: Person = { id: '29:owner', name: 'Example Lead', aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a1' };
const SECOND_OWNER: Person = {
  id: '29:owner-2',
  name: 'Example Owner',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000a2',
};
const DEPUTY: Person = { id: '29:deputy', name: 'Robin Example', aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000d1' };
const NORTH_WEST_LEAD: Person = {
  id: '29:nw-lead',
  name: 'Alex Example',
  aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000b1',
};

const NW = 'regionalNetworks.1';
type Card = Record<string, unknown>;

let bot: TestBot;
let serviceUrl: string;

beforeAll(async () => {
  bot = await startTestBot({
    LEAD_AAD_OBJECT_IDS: `${OWNER.aadObjectId},${SECOND_OWNER.aadObjectId}`,
    DIRECTORY_REFRESH_SECONDS: '1',
  });
  serviceUrl = bot.connector.serviceUrl;
  for (const person of [OWNER, SECOND_OWNER, DEPUTY, NORTH_WEST_LEAD, MSO]) await install(person);
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

/** The person adds the bot in Teams: the bot now has a chat with them. */
async function install(person: Person): Promise<void> {
  await bot.post(installationUpdate('add', { serviceUrl, from: person }));
}

async function press(person: Person, verb: string, data: Record<string, unknown>) {
  const response = await bot.post(cardAction(verb, data, { serviceUrl, from: person }));
  const card = (response.body as { value?: Card } | undefined)?.value;
  return { status: response.status, text: JSON.stringify(response.body), card };
}

async function ask(person: Person, text: string): Promise<string> {
  bot.connector.clear();
  await bot.post(message(text, { serviceUrl, from: person }));
  return JSON.stringify(bot.connector.sentCards(personalChatId(person)));
}

/** The section's save data and inputs as the edit card holds them. */
function inputsOf(card: Card | undefined): { data: Record<string, unknown>; values: Record<string, string> } {
  return { data: buttonData(card, VERBS.saveDirectorySection) ?? {}, values: valuesOf(card) };
}

/** A new-to-post sign-up from this person, working at this organisation. */
function signUp(person: Person, organisation: string) {
  return press(person, VERBS.submitBuddySignUp, {
    wayIn: 'newToPost',
    organisation,
    monthsInRole: '3',
    focusAreas: 'safetyAlerts',
    preferredContact: 'teams',
    email: 'someone@example.org',
    consent: 'true',
  });
}

async function openSection(person: Person, section: string) {
  const opened = await press(person, VERBS.editDirectorySection, { section });
  expect(opened.status).toBe(200);
  return inputsOf(opened.card);
}

async function saveSection(person: Person, section: string, changes: Record<string, string>) {
  const { data, values } = await openSection(person, section);
  return press(person, VERBS.saveDirectorySection, { ...values, ...changes, ...data });
}

describe('directory settings', () => {
  it('shows the lead every section with an Edit button, and an MSO only who can do it', async () => {
    const card = await ask(OWNER, 'directory settings');
    expect(card).toContain('Directory settings');
    expect(card).toContain('The North West network');
    expect(card).toContain('The steering group');
    expect(card.match(/editDirectorySection/g)?.length).toBe(11);

    expect(await ask(MSO, 'directory settings')).toContain('Only the national MSO network lead and deputies');
  });

  it("lets an owner change the North West lead's email, which an MSO of that region is then given", async () => {
    const saved = await saveSection(OWNER, 'Y62', {
      [`${NW}.lead.email`]: 'new.nw.lead@example.org',
      [`${NW}.lead.teamsUpn`]: 'new.nw.lead@example.org',
    });

    expect(saved.text).toContain('Saved as version');
    expect(saved.text).toContain('lead email and lead Teams sign-in name');
    await ask(MSO, 'I work at Manchester University NHS Foundation Trust');
    expect(await ask(MSO, 'who is my regional lead?')).toContain('new.nw.lead@example.org');
    expect(await (await fetch(`${bot.url}/api/directory`)).text()).toContain('new.nw.lead@example.org');
    const entry = (await bot.storage.audit.latest(5)).find((candidate) => candidate.action === 'directory.save');
    expect(entry).toMatchObject({
      actor: OWNER.aadObjectId,
      detail: { section: 'Y62', fields: 'lead email,lead Teams sign-in name' },
    });
  });

  it("refuses a new lead's email with the previous lead's Teams sign-in name, which would open a chat with them", async () => {
    const before = await bot.storage.directory.currentVersion();
    const saved = await saveSection(OWNER, 'Y63', { 'regionalNetworks.0.lead.email': 'new.ney.lead@example.org' });

    expect(saved.text).toContain('still the previous sign-in name');
    expect(await bot.storage.directory.currentVersion()).toBe(before);
  });

  it('keeps an invalid email on the card with what to fix under it, and stores nothing', async () => {
    const before = await bot.storage.directory.currentVersion();
    const saved = await saveSection(OWNER, 'Y62', {
      [`${NW}.lead.email`]: 'not an email',
      [`${NW}.pageUrl`]: 'http://insecure.example.org',
    });

    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Nothing was saved');
    expect(saved.text).toContain('This must be an email address');
    expect(saved.text).toContain('This must be an https:// address');
    expect(inputsOf(saved.card).values[`${NW}.lead.email`]).toBe('not an email');
    expect(await bot.storage.directory.currentVersion()).toBe(before);
  });

  it('gives one new version when two leads save the same section at once, and tells the second who saved first', async () => {
    const before = await bot.storage.directory.currentVersion();
    const first = await openSection(OWNER, 'Y56');
    const second = await openSection(SECOND_OWNER, 'Y56');

    const [a, b] = await Promise.all([
      press(OWNER, VERBS.saveDirectorySection, {
        ...first.values,
        ...first.data,
        'regionalNetworks.4.name': 'London MSO network A',
      }),
      press(SECOND_OWNER, VERBS.saveDirectorySection, {
        ...second.values,
        ...second.data,
        'regionalNetworks.4.name': 'London MSO network B',
      }),
    ]);

    expect(await bot.storage.directory.currentVersion()).toBe(before + 1);
    const [winner, loser] = a.text.includes('Saved as version') ? [OWNER, b] : [SECOND_OWNER, a];
    expect(loser.text).toContain(`Not saved: ${winner.name} saved it on`);
    expect(loser.text).toMatch(/Saved meanwhile: London MSO network [AB]/);
    expect(loser.text).toContain('Save mine instead');
  });

  it('saves a different section over a save made meanwhile, without calling it a conflict', async () => {
    const steering = await openSection(OWNER, 'steering');
    await saveSection(SECOND_OWNER, 'source', { 'source.title': 'SPS: Medication Safety Officers' });

    const saved = await press(OWNER, VERBS.saveDirectorySection, {
      ...steering.values,
      ...steering.data,
      'steeringGroup.summary': 'Specialists from NHS England, the MHRA and SPS.',
    });

    expect(saved.text).toContain('Saved as version');
    const current = await bot.storage.directory.current();
    expect(current?.network.source.title).toBe('SPS: Medication Safety Officers');
    expect(current?.network.steeringGroup.summary).toBe('Specialists from NHS England, the MHRA and SPS.');
  });

  it('lets a lead rewrite the other answers, such as training, which MSOs are then given', async () => {
    const text = 'There is no formal MSO training: ask your regional network about its learning sessions.';
    const saved = await saveSection(OWNER, 'answers', { 'training.summary': text });

    expect(saved.text).toContain('Saved as version');
    expect(await ask(MSO, 'is there MSO training?')).toContain(text);
  });

  it('lets a lead add to the reporting answer and clear it again, the public facts staying', async () => {
    const added = 'Copy your MSO on any incident involving insulin.';
    expect((await saveSection(OWNER, 'answers', { 'reporting.summary': added })).text).toContain('Saved as version');
    expect(await ask(MSO, 'how do I report a medication incident')).toContain(added);

    expect((await saveSection(OWNER, 'answers', { 'reporting.summary': '' })).text).toContain('Saved as version');
    const answer = await ask(MSO, 'how do I report a medication incident');
    expect(answer).not.toContain(added);
    expect(answer).toContain('Learn from Patient Safety Events (LFPSE)');
  });

  it('keeps at least one RPS resource, saying so under the first one', async () => {
    const saved = await saveSection(OWNER, 'answers', { 'rps.resources.0.title': '', 'rps.resources.0.url': '' });

    expect(saved.text).toContain('Nothing was saved');
    expect(saved.text).toContain('This cannot be empty.');
  });

  it('refuses a save forged by an MSO and changes nothing', async () => {
    const before = await bot.storage.directory.currentVersion();
    const forged = await press(MSO, VERBS.saveDirectorySection, {
      section: 'national',
      sectionHash: 'anything',
      'nationalLead.person.email': 'attacker@example.org',
    });

    expect(forged.status).toBe(403);
    expect(await bot.storage.directory.currentVersion()).toBe(before);
  });

  it('lists the versions with who and when, and restores an older one as a new version', async () => {
    const history = await ask(OWNER, 'directory history');
    expect(history).toContain('Version 1');
    expect(history).toMatch(/\w+day \d+ \w+ \d{4}, \d\d:\d\d: Example Lead changed the North West network/);

    const asked = await press(OWNER, VERBS.restoreDirectoryVersion, { version: '0' });
    expect(asked.text).toContain('Restore directory version 0?');
    expect(await bot.storage.directory.currentVersion()).toBeGreaterThan(1);

    const restored = await press(OWNER, VERBS.restoreDirectoryVersion, { version: '0', confirmed: 'yes' });
    expect(restored.text).toContain('Restored: version 0 is in use again');
    expect(await ask(MSO, 'who is the regional lead for the North West?')).toContain('nw.mso.lead@example.org');
    expect((await bot.storage.directory.current())?.restoredFrom).toBe(0);
    expect((await ask(OWNER, 'directory history')).match(/\(in use\)/g)).toHaveLength(1);
  });
});

describe('leads and deputies', () => {
  it('lets an owner add a deputy, who can then approve a buddy request, and remove them, after which their click is refused', async () => {
    await signUp(MSO, 'Leeds Teaching Hospitals');
    const [request] = await bot.storage.buddyRequests.list({ userId: MSO.aadObjectId });
    expect(request).toBeDefined();
    const requestId = request?.request.id ?? '';
    expect((await press(DEPUTY, VERBS.decideBuddyRequest, { requestId, decision: 'decline' })).status).toBe(403);

    const leadsCard = await ask(OWNER, 'manage leads');
    expect(leadsCard).toContain('Robin Example');
    const added = await press(OWNER, VERBS.addLead, { person: DEPUTY.aadObjectId });
    expect(added.text).toContain('Robin Example is now a lead');
    expect(JSON.stringify(bot.connector.sentCards(personalChatId(DEPUTY)))).toContain('You are now a lead');

    const approved = await press(DEPUTY, VERBS.decideBuddyRequest, { requestId, decision: 'approve' });
    expect(approved.status).toBe(200);
    expect((await bot.storage.buddyRequests.get(requestId))?.request.status).toBe('approved');
    // A later request reaches the deputy's chat as a card they can act on.
    const later: Person = {
      id: '29:later-mso',
      name: 'Lee Example',
      aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c9',
    };
    await install(later);
    await signUp(later, 'Leeds Teaching Hospitals');
    const laterId = (await bot.storage.buddyRequests.list({ userId: later.aadObjectId }))[0]?.request.id ?? '';
    expect(JSON.stringify(bot.connector.sentCards(personalChatId(DEPUTY)))).toContain(VERBS.decideBuddyRequest);

    const asked = await press(OWNER, VERBS.removeLead, { id: DEPUTY.aadObjectId });
    expect(asked.text).toContain('Remove Robin Example as a lead?');
    expect(await bot.storage.roles.has(DEPUTY.aadObjectId)).toBe(true);
    const removed = await press(OWNER, VERBS.removeLead, { id: DEPUTY.aadObjectId, confirmed: 'yes' });
    expect(removed.text).toContain('Robin Example is no longer a lead');

    expect((await press(DEPUTY, VERBS.decideBuddyRequest, { requestId, decision: 'decline' })).status).toBe(403);
    // Their copy of the later request refreshes to its status only; a request they never held stays unknown to them.
    const refreshed = await press(DEPUTY, VERBS.refreshBuddyRequest, { requestId: laterId });
    expect(refreshed.status).toBe(200);
    expect(refreshed.text).toContain('Buddy scheme request: Lee Example');
    expect(refreshed.text).not.toContain(VERBS.decideBuddyRequest);
    expect(refreshed.text).not.toContain('someone@example.org');
    expect((await press(DEPUTY, VERBS.refreshBuddyRequest, { requestId })).status).toBe(404);
    const actions = (await bot.storage.audit.latest(20)).map((entry) => entry.action);
    expect(actions).toContain('role.addLead');
    expect(actions).toContain('role.removeLead');
  });

  it('keeps the leads card and the directory cards out of channels, where others would see them', async () => {
    for (const command of ['leads', 'directory settings', 'lead menu']) {
      bot.connector.clear();
      await bot.post(message(command, { serviceUrl, from: OWNER, conversation: teamChannel }));
      const card = JSON.stringify(bot.connector.sentCards(teamChannel.id));
      expect(card, command).toContain('Ask me in our personal chat');
      expect(card, command).not.toContain(VERBS.addLead);
    }
  });

  it('never removes an owner', async () => {
    const response = await press(SECOND_OWNER, VERBS.removeLead, { id: OWNER.aadObjectId, confirmed: 'yes' });

    expect(response.text).toContain('cannot be removed here');
    const removals = (await bot.storage.audit.latest(50)).filter((entry) => entry.action === 'role.removeLead');
    expect(removals.map((entry) => entry.subject)).not.toContain(OWNER.aadObjectId);
  });

  it('refuses an add-lead forged by an MSO, and adds nobody', async () => {
    const forged = await press(MSO, VERBS.addLead, { person: MSO.aadObjectId });

    expect(forged.status).toBe(403);
    expect(await bot.storage.roles.has(MSO.aadObjectId)).toBe(false);
  });

  it("takes the Teams user id that the Agents Playground's people search gives, and names owners who have written", async () => {
    const added = await press(OWNER, VERBS.addLead, { person: DEPUTY.id });
    expect(added.text).toContain('Robin Example is now a lead');
    expect(await bot.storage.roles.has(DEPUTY.aadObjectId)).toBe(true);
    expect(added.text).toContain('Example Lead');
    expect(added.text).not.toContain('Name not known yet');
    await press(OWNER, VERBS.removeLead, { id: DEPUTY.aadObjectId, confirmed: 'yes' });
  });

  it('shows a name with Markdown in it as typed, never as formatting or a link', async () => {
    const styled: Person = {
      id: '29:styled',
      name: '**Pat** [click](https://example.org)',
      aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000f1',
    };
    await install(styled);
    await ask(styled, 'hello');

    const added = await press(OWNER, VERBS.addLead, { person: styled.aadObjectId });

    expect(added.text).toContain('\\\\*\\\\*Pat\\\\*\\\\* \\\\[click\\\\]');
    expect(added.text).not.toContain('[click](https');
    await press(OWNER, VERBS.removeLead, { id: styled.aadObjectId, confirmed: 'yes' });
  });

  it('asks for a person when none was picked, on the same card', async () => {
    const response = await press(OWNER, VERBS.addLead, { person: 'not-an-id' });

    expect(response.status).toBe(200);
    expect(response.text).toContain('Pick a person from the list first');
  });
});

describe('a regional lead', () => {
  beforeAll(async () => {
    await saveSection(OWNER, 'Y62', { [`${NW}.leadAadObjectId`]: NORTH_WEST_LEAD.aadObjectId });
  });

  it("is named under the picker on the region's card, since a picker may show nobody picked", async () => {
    const opened = await press(OWNER, VERBS.editDirectorySection, { section: 'Y62' });

    expect(opened.text).toContain('Picked now: Alex Example.');
    expect((await press(OWNER, VERBS.editDirectorySection, { section: 'Y56' })).text).toContain(
      'Nobody is picked now.',
    );
  });

  it('edits their own region, sees only it as editable, and gets 403 for another region or the national part', async () => {
    const settings = await ask(NORTH_WEST_LEAD, 'directory settings');
    expect(settings.match(/editDirectorySection/g)?.length).toBe(1);

    const own = await saveSection(NORTH_WEST_LEAD, 'Y62', { [`${NW}.pageUrl`]: 'https://example.org/nw-network' });
    expect(own.text).toContain('Saved as version');
    expect(inputsOf(own.card).values).not.toHaveProperty(`${NW}.leadAadObjectId`);

    for (const section of ['Y56', 'national'])
      expect((await press(NORTH_WEST_LEAD, VERBS.editDirectorySection, { section })).status).toBe(403);
    const before = await bot.storage.directory.currentVersion();
    const forged = await press(NORTH_WEST_LEAD, VERBS.saveDirectorySection, {
      section: 'Y56',
      sectionHash: 'x',
      'regionalNetworks.4.lead.email': 'x@example.org',
    });
    expect(forged.status).toBe(403);
    expect(await bot.storage.directory.currentVersion()).toBe(before);
  });

  it("gets a read-only copy of a buddy request from an MSO of their region, and none from another region's", async () => {
    const northWestMso: Person = {
      id: '29:nw-mso',
      name: 'Jo Example',
      aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c1',
    };
    const londonMso: Person = {
      id: '29:ldn-mso',
      name: 'Kim Example',
      aadObjectId: 'eeeeeeee-0000-4000-8000-0000000000c2',
    };
    for (const [person, organisation] of [
      [northWestMso, 'Manchester University NHS Foundation Trust'],
      [londonMso, "Guy's and St Thomas' NHS Foundation Trust"],
    ] as const) {
      await install(person);
      bot.connector.clear();
      await signUp(person, organisation);
      const copy = JSON.stringify(bot.connector.sentCards(personalChatId(NORTH_WEST_LEAD)));
      if (person === northWestMso) {
        expect(copy).toContain('Buddy scheme request: Jo Example');
        expect(copy).toContain('Manchester University');
        expect(copy).not.toContain(VERBS.decideBuddyRequest);
      } else {
        expect(copy).toBe('[]');
      }
    }
  });

  it('sees a lead menu for their region only', async () => {
    const menu = await ask(NORTH_WEST_LEAD, 'lead menu');
    expect(menu).toContain('Lead menu: North West');
    expect(menu).not.toContain('buddyPending');
  });
});

describe('the lead menu', () => {
  it('lists every lead action with a button and what is waiting', async () => {
    const menu = await ask(OWNER, 'lead menu');
    for (const intent of [
      'buddyPending',
      'buddySummary',
      'webinarSettings',
      'reminderNow',
      'reminderReport',
      'directorySettings',
      'manageLeads',
      'auditLog',
    ])
      expect(menu).toContain(`"intent":"${intent}"`);
    expect(menu).toMatch(/Waiting for you|Nothing is waiting/);
  });

  it("is a lead's welcome card when they install the bot", async () => {
    const newcomer: Person = { id: '29:owner-new', name: 'Example Lead', aadObjectId: OWNER.aadObjectId };
    bot.connector.clear();
    await bot.post(
      installationUpdate('add', {
        serviceUrl,
        from: newcomer,
        conversation: { id: 'a:fresh-chat', conversationType: 'personal' },
      }),
    );
    expect(JSON.stringify(bot.connector.sentCards('a:fresh-chat'))).toContain('Lead menu');
  });
});

describe('erasing a lead who saved the directory', () => {
  it('keeps their versions, under a pseudonym that names nobody', async () => {
    const before = await bot.storage.directory.history(100);
    expect(before.some((version) => version.savedBy === SECOND_OWNER.aadObjectId)).toBe(true);

    expect((await press(SECOND_OWNER, VERBS.eraseMyData, {})).status).toBe(200);

    const after = await bot.storage.directory.history(100);
    expect(after).toHaveLength(before.length);
    expect(JSON.stringify(after)).not.toContain(SECOND_OWNER.aadObjectId);
    expect(JSON.stringify(after)).not.toContain(SECOND_OWNER.name);
  });
});
