import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../../src/features/verbs.js';
import { cardAction, message, type Person } from '../../../support/activities.js';
import { startTestBot, type TestBot } from '../../../support/testBot.js';

let bot: TestBot;
let serviceUrl: string;
let people = 0;

/** A new fictional MSO for each test, so that profiles do not carry over. */
function newPerson(): Person {
  people += 1;
  const n = String(people).padStart(12, '0');
  return { id: `29:mso-${n}`, name: `Test Example ${n}`, aadObjectId: `cccccccc-0000-4000-8000-${n}` };
}

beforeAll(async () => {
  bot = await startTestBot();
  serviceUrl = bot.connector.serviceUrl;
});
afterAll(() => bot.close());
beforeEach(() => bot.connector.clear());

async function ask(person: Person, text: string): Promise<string> {
  const response = await bot.post(message(text, { serviceUrl, from: person }));
  expect(response.status).toBe(200);
  const cards = bot.connector.sentCards();
  expect(cards).toHaveLength(1);
  bot.connector.clear();
  return JSON.stringify(cards[0]);
}

/** Every card of the answer, parsed. */
async function askForCards(person: Person, text: string): Promise<Record<string, unknown>[]> {
  const response = await bot.post(message(text, { serviceUrl, from: person }));
  expect(response.status).toBe(200);
  const cards = bot.connector.sentCards();
  bot.connector.clear();
  return cards;
}

interface Button {
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The card's button with this title (it fails the test when there is none). */
function button(
  card: string | Record<string, unknown>,
  title: string,
): { verb: string; data: Record<string, unknown> } {
  const parsed = (typeof card === 'string' ? JSON.parse(card) : card) as { actions?: Button[] };
  const found = (parsed.actions ?? []).find((action) => action.title === title);
  expect(found, `a "${title}" button`).toBeDefined();
  return { verb: found?.verb ?? '', data: found?.data ?? {} };
}

const titles = (card: string) => ((JSON.parse(card) as { actions?: Button[] }).actions ?? []).map((a) => a.title);

async function press(person: Person, verb: string, data: Record<string, unknown>) {
  const response = await bot.post(cardAction(verb, data, { serviceUrl, from: person }));
  return {
    status: response.status,
    body: response.body as { type?: string; value?: unknown },
    text: JSON.stringify(response.body),
  };
}

describe('asking about regional networks', () => {
  it('asks where a person works before answering "who is my regional lead" the first time', async () => {
    const card = await ask(newPerson(), 'who is my regional lead?');

    expect(card).toContain('Where do you work?');
    expect(card).toContain('"id":"organisation"');
    expect(card).toContain(`"verb":"${VERBS.saveOrganisation}"`);
  });

  it('remembers "I work at Leeds Teaching Hospitals" and answers "who is my lead" from it next time', async () => {
    const person = newPerson();
    const saved = await ask(person, 'I work at Leeds Teaching Hospitals');
    expect(saved).toContain('I have saved Leeds Teaching Hospitals NHS Trust (North East and Yorkshire)');
    expect(await bot.storage.profiles.get(person.aadObjectId)).toMatchObject({
      region: 'Y63',
      organisationCode: 'RR8',
    });

    const answer = await ask(person, 'who is my lead');

    expect(answer).toContain('North East and Yorkshire Example Lead');
    expect(answer).toContain('Based on your organisation, Leeds Teaching Hospitals NHS Trust.');
    expect(answer).toContain('mailto:ney.mso.lead@example.org');
    expect(answer).toContain('https://teams.microsoft.com/l/chat/0/0?users=ney.mso.lead%40example.org');
  });

  it('reads an ODS code on its own as where the person works', async () => {
    const person = newPerson();
    const card = await ask(person, 'RR8');

    expect(card).toContain('North East and Yorkshire');
    expect((await bot.storage.profiles.get(person.aadObjectId))?.organisationCode).toBe('RR8');
  });

  it('finds the region of a dissolved ICB and says what replaced it, saving the region alone', async () => {
    const person = newPerson();
    const card = await ask(person, 'I work for NHS Frimley ICB');

    expect(card).toContain('South East Example Lead');
    expect(card).toContain(
      'NHS Frimley ICB was dissolved on 1 April 2026; its area is now in NHS Thames Valley, NHS Surrey and Sussex and NHS Hampshire and Isle of Wight ICBs, all in NHS England South East.',
    );
    expect(await bot.storage.profiles.get(person.aadObjectId)).toMatchObject({
      region: 'Y59',
      organisationCode: undefined,
    });
  });

  it('saves a merged trust as the trust that took it over, saying so', async () => {
    const person = newPerson();
    const card = await ask(person, "I'm the MSO at North Bristol NHS Trust");

    expect(card).toContain('North Bristol NHS Trust became part of Bristol NHS Foundation Trust on 1 July 2026');
    expect(card).toContain('I have saved Bristol NHS Foundation Trust (South West) as your organisation.');
    expect((await bot.storage.profiles.get(person.aadObjectId))?.organisationCode).toBe('RA7');
  });

  it('answers "which region is NHS Thames Valley ICB in" with the South East', async () => {
    const card = await ask(newPerson(), 'which regional network covers NHS Thames Valley ICB?');

    expect(card).toContain('South East Example Lead');
    expect(card).toContain('NHS Thames Valley Integrated Care Board is in NHS England South East.');
  });

  it('answers about a named region without needing a profile', async () => {
    const card = await ask(newPerson(), 'who leads the North West network?');

    expect(card).toContain('North West Example Lead');
    expect(card).not.toContain('Where do you work?');
  });

  it('answers about the region of an organisation named in the question', async () => {
    const card = await ask(newPerson(), "who's the regional lead for GSTT");

    expect(card).toContain('London Example Lead');
    expect(card).toContain("Guy's and St Thomas' NHS Foundation Trust is in NHS England London.");
  });

  it('offers choices when a short form fits several organisations, and saves the one chosen', async () => {
    const person = newPerson();
    const card = await ask(person, 'I work at QEH');
    expect(card).toContain('Which of these do you mean?');
    expect(card).toContain(`"verb":"${VERBS.chooseOrganisation}"`);

    const chosen = await press(person, VERBS.chooseOrganisation, { code: 'RCX', then: 'regionalLead' });

    expect(chosen.status).toBe(200);
    expect(chosen.text).toContain('East of England Example Lead');
    expect((await bot.storage.profiles.get(person.aadObjectId))?.organisationCode).toBe('RCX');
  });

  it('remembers a region given without an organisation', async () => {
    const person = newPerson();
    await ask(person, 'my region is London');

    expect(await bot.storage.profiles.get(person.aadObjectId)).toMatchObject({
      region: 'Y56',
      organisationCode: undefined,
    });
    expect(await ask(person, 'who is my regional lead')).toContain('Based on your region, London.');
  });

  it('lets a person change their organisation', async () => {
    const person = newPerson();
    await ask(person, 'I work at Leeds Teaching Hospitals');
    await ask(person, "I've moved to Manchester University NHS Foundation Trust");

    expect(await bot.storage.profiles.get(person.aadObjectId)).toMatchObject({
      region: 'Y62',
      organisationCode: 'R0A',
    });
    expect(await ask(person, 'who is my regional lead')).toContain('North West Example Lead');
  });
});

describe('remembering where a person works, only when they say so', () => {
  const saved = async (person: Person) => {
    const profile = await bot.storage.profiles.get(person.aadObjectId);
    return profile && { region: profile.region, code: profile.organisationCode };
  };

  it.each([
    ["I'm the MSO at Leeds Teaching Hospitals", 'RR8'],
    ["Actually I've just moved to the Norfolk and Norwich", 'RM1'],
    ["I'm at RR8", 'RR8'],
    ['our trust is Manchester University NHS FT', 'R0A'],
    ['change my organisation to the Christie', 'RBV'],
  ])('saves %j, replacing what was saved, and says so with an Undo button', async (text, code) => {
    const person = newPerson();
    await ask(person, 'I work at Sheffield Teaching Hospitals');

    const card = await ask(person, text);

    expect((await saved(person))?.code).toBe(code);
    expect(card).toContain('in place of Sheffield Teaching Hospitals NHS Foundation Trust (North East and Yorkshire).');
    expect(button(card, 'Undo').verb).toBe(VERBS.undoWorkplace);
  });

  it('puts back what was saved before when Undo is pressed, and offers to save it again', async () => {
    const person = newPerson();
    await ask(person, 'I work at Sheffield Teaching Hospitals');
    const card = await ask(person, "I've moved to Leeds Teaching Hospitals");

    const undo = button(card, 'Undo');
    const undone = await press(person, undo.verb, undo.data);

    expect(await saved(person)).toEqual({ region: 'Y63', code: 'RHQ' });
    expect(undone.text).toContain('I have put back Sheffield Teaching Hospitals NHS Foundation Trust');
    const again = button(undone.body.value as Record<string, unknown>, 'Make this my organisation');
    await press(person, again.verb, again.data);
    expect((await saved(person))?.code).toBe('RR8');
  });

  it('remembers a name given on its own by someone with nothing saved, with "Not where I work"', async () => {
    const person = newPerson();
    const card = await ask(person, 'East of England Community Health and Care');

    expect(card).toContain('I have saved East of England Community Health and Care NHS Trust (East of England)');
    expect(await ask(person, 'who is my regional lead?')).toContain('East of England Example Lead');

    const notMine = button(card, 'Not where I work');
    const undone = await press(person, notMine.verb, notMine.data);

    expect(await saved(person)).toBeUndefined();
    expect(undone.text).toContain('I have not kept it as your organisation.');
    expect(undone.text).toContain('East of England Example Lead');
  });

  it('remembers a region given on its own by someone with nothing saved', async () => {
    const person = newPerson();
    const card = await ask(person, 'London');

    expect(await saved(person)).toEqual({ region: 'Y56', code: undefined });
    expect(card).toContain('I have saved NHS England London as your region.');
    expect(titles(card)).toContain('Not where I work');
  });

  it.each([
    'who is the MSO at Leeds Teaching Hospitals?',
    'which region is RR8 in?',
    'Leeds Teaching Hospitals',
    'I am looking for the MSO at Leeds Teaching Hospitals',
  ])('answers %j for that organisation without changing what is saved, offering to make it theirs', async (text) => {
    const person = newPerson();
    await ask(person, 'I work at Manchester University NHS FT');

    const card = await ask(person, text);

    expect(card).toContain('North East and Yorkshire Example Lead');
    expect(card).toContain('Leeds Teaching Hospitals NHS Trust is in NHS England North East and Yorkshire.');
    expect((await saved(person))?.code).toBe('R0A');
    const makeMine = button(card, 'Make this my organisation');
    const made = await press(person, makeMine.verb, makeMine.data);
    expect((await saved(person))?.code).toBe('RR8');
    expect(made.text).toContain('in place of Manchester University NHS Foundation Trust (North West)');
  });

  it('answers "who is the MSO at Leeds?" for the one region every Leeds organisation is in', async () => {
    const person = newPerson();
    const card = await ask(person, 'who is the MSO at Leeds?');

    expect(card).toContain('North East and Yorkshire Example Lead');
    expect(card).toContain(
      'Leeds Teaching Hospitals NHS Trust, Leeds and York Partnership NHS Foundation Trust and Leeds Community Healthcare NHS Trust are all in NHS England North East and Yorkshire.',
    );
    expect(await saved(person)).toBeUndefined();
  });

  it('saves where the person works and answers what else they asked, whatever the rest is', async () => {
    const person = newPerson();
    const cards = await askForCards(person, "I'm the MSO at Leeds Teaching Hospitals, when is the webinar?");

    expect((await saved(person))?.code).toBe('RR8');
    expect(cards).toHaveLength(2);
    expect(JSON.stringify(cards[0])).toContain('I have saved Leeds Teaching Hospitals NHS Trust');
    expect(JSON.stringify(cards[1])).toContain('webinar');
  });

  it('saves where the person works now, not where they used to', async () => {
    const person = newPerson();
    await ask(person, "I used to work at Leeds Teaching Hospitals but I've moved to the Christie");
    expect((await saved(person))?.code).toBe('RBV');

    await ask(person, "I'm no longer at the Christie, I now work for Sheffield Teaching Hospitals");
    expect((await saved(person))?.code).toBe('RHQ');
  });

  it('never takes an action such as stopping reminders on the back of where the person works', async () => {
    const person = newPerson();
    const cards = await askForCards(person, 'I work at Leeds Teaching Hospitals, stop the reminders');

    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toContain('I have saved Leeds Teaching Hospitals NHS Trust');
  });

  it('undoes nothing from an old card once where the person works has changed again', async () => {
    const person = newPerson();
    const first = await ask(person, 'I work at Leeds Teaching Hospitals');
    await ask(person, 'I work at the Christie');

    const undo = button(first, 'Undo');
    const result = await press(person, undo.verb, undo.data);

    expect(result.text).toContain('Nothing was undone');
    expect((await saved(person))?.code).toBe('RBV');
  });

  it('refuses an Undo button whose data was tampered with, changing nothing', async () => {
    const person = newPerson();
    await ask(person, 'I work at Leeds Teaching Hospitals');

    const result = await press(person, VERBS.undoWorkplace, { region: 'Y99', code: '<b>', then: 'x' });

    expect(result.status).toBe(400);
    expect((await saved(person))?.code).toBe('RR8');
  });

  it.each(['undo', 'Undo?', "that's wrong", 'not where I work'])(
    'answers %j typed after a save with the card that shows and changes what is saved',
    async (text) => {
      const person = newPerson();
      await ask(person, 'I work at Leeds Teaching Hospitals');

      const card = await ask(person, text);

      expect(card).toContain('Where do you work?');
      expect(card).toContain(
        '"title":"Saved now","value":"Leeds Teaching Hospitals NHS Trust (North East and Yorkshire)"',
      );
    },
  );

  it('shows what is saved now on the change-organisation card', async () => {
    const person = newPerson();
    await ask(person, 'I work at Leeds Teaching Hospitals');

    const card = await ask(person, 'change my organisation');

    expect(card).toContain('Where do you work?');
    expect(card).toContain(
      '"title":"Saved now","value":"Leeds Teaching Hospitals NHS Trust (North East and Yorkshire)"',
    );
  });
});

describe('the "where do you work?" card', () => {
  it('saves a region chosen without an organisation', async () => {
    const person = newPerson();
    const result = await press(person, VERBS.saveOrganisation, {
      organisation: '',
      region: 'Y56',
      then: 'regionalLead',
    });

    expect(result.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(result.text).toContain('London Example Lead');
    expect(await bot.storage.profiles.get(person.aadObjectId)).toMatchObject({
      region: 'Y56',
      organisationCode: undefined,
    });
  });

  it('comes back with a message at the field when nothing was filled in, and saves nothing', async () => {
    const person = newPerson();
    const result = await press(person, VERBS.saveOrganisation, { then: 'regionalNetwork' });

    expect(result.text).toContain('Type your trust or ICB, or choose your region.');
    expect(await bot.storage.profiles.get(person.aadObjectId)).toBeUndefined();
  });

  it('says which name it could not find, shown as typed rather than as formatting, and keeps it in the box', async () => {
    const person = newPerson();
    const result = await press(person, VERBS.saveOrganisation, {
      organisation: '**Nowhere** [General](https://evil.example)',
      region: '',
    });

    expect(result.text).toContain(
      'I could not find “\\\\*\\\\*Nowhere\\\\*\\\\* \\\\[General\\\\]\\\\(https://evil.example\\\\)”',
    );
    expect(result.text).toContain('"value":"**Nowhere** [General](https://evil.example)"');
    expect(await bot.storage.profiles.get(person.aadObjectId)).toBeUndefined();
  });

  it('refuses a region that does not exist', async () => {
    const result = await press(newPerson(), VERBS.saveOrganisation, { organisation: '', region: 'Y99' });

    expect(result.text).toContain('Choose one of the seven NHS England regions from the list.');
  });

  it('refuses a 10,000-character organisation with a clear message', async () => {
    const result = await press(newPerson(), VERBS.saveOrganisation, { organisation: 'x'.repeat(10_000), region: '' });

    expect(result.status).toBe(200);
    expect(result.text).toContain('Keep the name under 200 characters');
  });

  it('refuses a choice that is not an organisation it knows', async () => {
    const result = await press(newPerson(), VERBS.chooseOrganisation, { code: 'ZZZZ' });

    expect(result.status).toBe(400);
  });
});

describe('other questions', () => {
  it('answers "who do I contact for support" with the national lead and ways to reach them', async () => {
    const card = await ask(newPerson(), 'who do I contact for support?');

    expect(card).toContain('The national MSO network lead');
    expect(card).toContain('The voice for all MSOs nationally');
    expect(card).toContain('mailto:national.mso.lead@example.org');
    expect(card).toContain('Source: [Specialist Pharmacy Service (SPS)');
  });

  it.each([
    ['what is the buddy scheme', 'The MSO buddy scheme'],
    ['is there any formal training for MSOs', 'There is no formal MSO training'],
    ['who is on the steering group', 'The MSO network steering group'],
    ['where can I find RPS guidance', 'Royal Pharmaceutical Society resources'],
    ['why was the MSO network set up', 'NHS/PSA/D/2014/005'],
    ['how do I report a medication error', 'LFPSE'],
    ['what is an MSO and why does my trust need one', 'NHS/PSA/D/2014/005'],
    ['where do I find the latest national patient safety alerts', 'https://www.cas.mhra.gov.uk/'],
    ['who sets the agenda for the webinars', 'The MSO network steering group'],
    ['which MSO group covers my trust', 'Where do you work?'],
    ['hello', 'Hello! I answer questions about the support there is for MSOs.'],
    ['thanks', 'You are welcome.'],
    ['brilliant, thank you so much', 'You are welcome.'],
    ['great', 'Glad to help.'],
    ['stop reminders', 'Webinar reminders are off'],
    ['delete my data', 'Delete everything the bot holds about you?'],
    ['what do you hold about me', 'What the bot holds about you'],
  ])('answers %j on its topic', async (question, expected) => {
    expect(await ask(newPerson(), question)).toContain(expected);
  });

  it('answers a medication incident with LFPSE first and a suspected reaction with Yellow Card first, each with its link', async () => {
    const incident = await ask(newPerson(), 'how do I report a medication error');
    const reaction = await ask(newPerson(), 'how do I report a suspected side effect');

    expect(incident).toContain('Reporting medication incidents');
    expect(incident.indexOf('learn-from-patient-safety-events-service')).toBeLessThan(
      incident.indexOf('yellowcard.mhra.gov.uk'),
    );
    expect(reaction).toContain('Reporting a suspected adverse drug reaction');
    expect(reaction.indexOf('yellowcard.mhra.gov.uk')).toBeLessThan(
      reaction.indexOf('learn-from-patient-safety-events-service'),
    );
  });

  it('answers a question button with a new message', async () => {
    const result = await press(newPerson(), VERBS.askQuestion, { intent: 'nationalLead' });

    expect(result.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(JSON.stringify(bot.connector.sentCards())).toContain('The national MSO network lead');
  });

  it('refuses a question button for a question it does not have', async () => {
    expect((await press(newPerson(), VERBS.askQuestion, { intent: 'launchRockets' })).status).toBe(400);
  });
});

describe('what it does not understand', () => {
  it.each([
    ['a clinical question', 'what is the max dose of paracetamol in adults'],
    ['an empty message', ''],
    ['a 10,000-character message', 'lorem ipsum '.repeat(834)],
  ])('answers %s with the menu of what it can do', async (_kind, text) => {
    const card = await ask(newPerson(), text);

    expect(card).toContain('Sorry, I did not understand that.');
    expect(card).toContain(`"verb":"${VERBS.askQuestion}"`);
  });

  it('answers markdown and HTML without putting any of it into the card', async () => {
    const card = await ask(newPerson(), '<script>x()</script> **bold** [x](https://evil.example)');

    expect(card).not.toContain('<script>');
    expect(card).not.toContain('evil.example');
  });
});
