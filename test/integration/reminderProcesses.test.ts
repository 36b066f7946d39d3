import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed, onTestFinished } from 'vitest';
import { z } from 'zod';
import { REMINDER_JOB_PATH } from '../../src/http/jobRoutes.js';
import { openStorage, type Storage } from '../../src/storage.js';
import { cardAction, installationUpdate, message, personalChatId, type Person } from '../support/activities.js';
import { startBotProcess, type BotProcess } from '../support/botProcess.js';
import { FakeConnector, type ConnectorCall } from '../support/fakeConnector.js';
import { waitFor } from '../support/waitFor.js';

/*
 * Real server processes (src/index.ts) on the run's one Azurite. The entry point uses the
 * un-prefixed tables, which other suites may use too: every person here carries this run's tag,
 * the leads are this file's own (so reports come to chats no one else writes to), and only our
 * own conversations are counted.
 */
const RUN = randomBytes(4).toString('hex');
const SECRET = randomBytes(24).toString('hex');
const REMINDER = /Reminder: the MSO webinar|The MSO webinar is in/;
const REPORT = 'Webinar reminder report';
/** 81 reminders at 15 a second: over 5 s, long enough to kill the sender part-way. */
const CRASH_RPS = 15;
const THREE_RPS = 20;
/** src/features/reminders/reminderJob.ts: the timer's first tick comes 5 s after the server starts. */
const FIRST_TICK_MS = 5_000;

const cardShape = z.object({
  body: z.array(
    z.object({
      type: z.string(),
      text: z.string().optional(),
      facts: z.array(z.object({ title: z.string(), value: z.string() })).optional(),
    }),
  ),
  actions: z.array(z.unknown()).optional(),
});
const confirmAction = z.object({
  verb: z.literal('confirmReminderNow'),
  data: z.object({ occurrenceId: z.string(), broadcastId: z.string() }),
});
const tickAnswer = z.union([
  z.object({ ran: z.boolean(), planned: z.array(z.string()), finished: z.array(z.string()) }),
  z.object({ running: z.literal(true) }),
]);
type TickAnswer = z.infer<typeof tickAnswer>;

function person(role: string, n: number): Person {
  return { id: `29:${role}-${RUN}-${String(n)}`, name: `Test ${role} ${String(n)}`, aadObjectId: randomUUID() };
}

function people(role: string, count: number): Person[] {
  return Array.from({ length: count }, (_, n) => person(role, n));
}

function titleOf(card: Record<string, unknown>): string {
  return cardShape.parse(card).body.find((element) => element.type === 'TextBlock')?.text ?? '';
}

function factsOf(card: Record<string, unknown>): Record<string, string> {
  const facts = cardShape.parse(card).body.find((element) => element.type === 'FactSet')?.facts ?? [];
  return Object.fromEntries(facts.map((fact) => [fact.title, fact.value]));
}

describe('the webinar reminder broadcast across server processes on one Azurite', () => {
  const connectionString = inject('tablesConnectionString');
  // Each test has its own lead (its report comes to a chat of its own); every process knows both.
  const crashLead = person('crash-lead', 0);
  const threeLead = person('three-lead', 0);
  const correctLead = person('correct-lead', 0);
  const running: BotProcess[] = [];
  let connector: FakeConnector;
  let storage: Storage;
  /** The crashed instance, restarted; the three-process test reuses it rather than start yet another. */
  let restarted: BotProcess | undefined;
  /** Two more instances for the three-process test, started while the crash test runs (start-up is seconds of CPU). */
  let others: Promise<BotProcess[]> | undefined;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    storage = await openStorage({ kind: 'connectionString', connectionString });
  });

  afterAll(async () => {
    await others?.catch(() => undefined);
    await Promise.all(running.map((bot) => bot.kill()));
    await connector.stop();
  });

  function botEnv(instanceId: string, broadcastRps: number): Record<string, string> {
    return {
      PORT: '0',
      LOG_LEVEL: 'info',
      TABLES_CONNECTION_STRING: connectionString,
      ALLOW_UNAUTHENTICATED: 'true',
      LEAD_AAD_OBJECT_IDS: [crashLead, threeLead, correctLead].map((lead) => lead.aadObjectId).join(','),
      WEBINAR_RRULE: 'FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2',
      // No scheduled reminder falls due during the test: only the lead's "now" sends.
      REMINDER_OFFSETS: '1m',
      REMINDER_JOB_SECRET: SECRET,
      // Slow enough that a broadcast lasts seconds, so it can be interrupted and joined.
      BROADCAST_RPS: String(broadcastRps),
      INSTANCE_ID: instanceId,
      // Rows left claimed by the crashed run are taken over after 15 s of quiet: tick often enough to see that soon.
      REMINDER_TICK_SECONDS: '2',
    };
  }

  async function start(env: Record<string, string>): Promise<BotProcess> {
    const bot = await startBotProcess(env);
    running.push(bot);
    return bot;
  }

  function startOthers(): Promise<BotProcess[]> {
    others ??= Promise.all([2, 3].map((n) => start(botEnv(`three-${RUN}-${String(n)}`, THREE_RPS))));
    // Awaited by the test that uses them; a failure here must not surface as an unhandled rejection first.
    others.catch(() => undefined);
    return others;
  }

  /** On failure, the processes' logs say what the server did. */
  function showLogsOnFailure(bots: () => readonly BotProcess[]): void {
    onTestFailed(() => {
      for (const [n, bot] of bots().entries()) {
        process.stderr.write(
          `--- bot process ${String(n + 1)} (${bot.url}), last lines ---\n${bot.output().split('\n').slice(-40).join('\n')}\n`,
        );
      }
    });
  }

  /** Installs the bot in each person's personal chat (which subscribes it), ten at a time. */
  async function install(bot: BotProcess, who: readonly Person[]): Promise<void> {
    for (let first = 0; first < who.length; first += 10) {
      const answers = await Promise.all(
        who
          .slice(first, first + 10)
          .map((from) => bot.post(installationUpdate('add', { serviceUrl: connector.serviceUrl, from }))),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    }
  }

  /** Drops the subscriptions straight from storage, so later broadcasts (of any suite) leave these chats out. */
  async function forget(who: readonly Person[]): Promise<void> {
    await Promise.all(
      who.map(async (someone) => {
        const conversationId = personalChatId(someone);
        await Promise.all([storage.subscriptions.remove(conversationId), storage.conversations.remove(conversationId)]);
      }),
    );
  }

  /** The lead types "send webinar reminder now" on one server and confirms the card on another. */
  async function sendReminderNow(lead: Person, askOn: BotProcess, confirmOn: BotProcess): Promise<string> {
    return (await sendReminderNowFor(lead, askOn, confirmOn)).broadcastId;
  }

  /** As `sendReminderNow`: the broadcast and the webinar date it is for. */
  async function sendReminderNowFor(
    lead: Person,
    askOn: BotProcess,
    confirmOn: BotProcess,
  ): Promise<{ broadcastId: string; occurrenceId: string }> {
    const asked = await askOn.post(
      message('send webinar reminder now', { serviceUrl: connector.serviceUrl, from: lead }),
    );
    expect(asked.status).toBe(200);
    const offers = connector
      .sentCards(personalChatId(lead))
      .map((card) => confirmAction.safeParse(cardShape.parse(card).actions?.[0]))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    const offer = offers.at(-1);
    if (!offer) throw new Error('the lead got no "send it now" card');
    const confirmed = await confirmOn.post(
      cardAction(offer.verb, offer.data, { serviceUrl: connector.serviceUrl, from: lead }),
    );
    expect(confirmed.status).toBe(200);
    expect(JSON.stringify(confirmed.body)).toContain('Webinar reminder on its way');
    return offer.data;
  }

  /** The connector takes the next request of this kind and does not answer it for 10 s: that request is in the air. */
  async function holdNext(kind: 'reply' | 'update'): Promise<ConnectorCall> {
    const callsBefore = connector.calls.length;
    connector.delayNext({ ms: 10_000, kind });
    return waitFor(
      () => connector.calls.slice(callsBefore).find((call) => call.kind === kind),
      `a request held at the connector (${kind})`,
    );
  }

  async function tick(bot: BotProcess): Promise<{ status: number; answer: TickAnswer }> {
    const response = await fetch(`${bot.url}${REMINDER_JOB_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
    });
    return { status: response.status, answer: tickAnswer.parse(await response.json()) };
  }

  function remindersTo(someone: Person): number {
    return connector.sentCards(personalChatId(someone)).filter((card) => REMINDER.test(titleOf(card))).length;
  }

  function remindersSent(who: readonly Person[]): number {
    return who.reduce((sum, someone) => sum + remindersTo(someone), 0);
  }

  function reportsTo(lead: Person): Record<string, string>[] {
    return connector
      .sentCards(personalChatId(lead))
      .filter((card) => titleOf(card) === REPORT)
      .map(factsOf);
  }

  function conversationsOf(who: readonly Person[], times: (count: number) => boolean): string[] {
    return who.filter((someone) => times(remindersTo(someone))).map(personalChatId);
  }

  it('resumes after the server process is killed mid-broadcast and restarted: nobody is missed, only rows in flight are sent twice', async () => {
    const lead = crashLead;
    const everyone = [...people('crash-mso', 80), lead];
    const bots: BotProcess[] = [];
    showLogsOnFailure(() => bots);
    onTestFinished(() => forget(everyone));
    // The restarted process is the same instance (App Service keeps WEBSITE_INSTANCE_ID): it takes the lease
    // at once, and its earlier run's rows once they have been quiet for 15 s.
    const env = botEnv(`crash-${RUN}`, CRASH_RPS);

    const first = await start(env);
    bots.push(first);
    await install(first, everyone);
    const broadcastId = await sendReminderNow(lead, first, first);
    // Started only now, their first ticks find this broadcast in storage and its lease held.
    void startOthers();
    await waitFor(() => (remindersSent(everyone) >= 20 ? true : undefined), '20 reminders to be sent', 30_000);
    // The connector takes the next reminder but does not answer before the process dies: the
    // subscriber has it, and the server cannot know.
    const held = (await holdNext('reply')).conversationId;
    await first.kill();

    const atCrash = await storage.broadcasts.unsettled(broadcastId);
    const inFlight = new Set(atCrash.filter((row) => row.status === 'sending').map((row) => row.conversationId));
    const sentBeforeCrash = remindersSent(everyone);
    expect(atCrash.length, 'the crash came mid-broadcast').toBeGreaterThan(0);

    restarted = await start(env);
    bots.push(restarted);
    const resumed = await tick(restarted);
    expect([200, 202]).toContain(resumed.status);
    const report = await waitFor(() => reportsTo(lead)[0], "the lead's report", 60_000);

    const planned = await storage.broadcasts.plannedTargets(broadcastId);
    const twice = conversationsOf(everyone, (count) => count === 2);
    expect(
      conversationsOf(everyone, (count) => count === 0),
      'missed',
    ).toEqual([]);
    expect(
      conversationsOf(everyone, (count) => count > 2),
      'sent three times or more',
    ).toEqual([]);
    expect(
      twice.filter((conversationId) => !inFlight.has(conversationId)),
      'sent twice but not in flight at the crash',
    ).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(inFlight.size);
    expect(twice, 'the reminder unanswered at the crash is sent again').toContain(held);
    expect(remindersSent(everyone)).toBeGreaterThan(sentBeforeCrash);
    expect(everyone.map(personalChatId).filter((conversationId) => !planned.has(conversationId))).toEqual([]);
    expect(report).toMatchObject({
      Subscribers: String(planned.size),
      Delivered: String(planned.size),
      Unreachable: '0',
      Failed: '0',
    });
    expect(reportsTo(lead)).toHaveLength(1);
  }, 90_000);

  it('sends one broadcast from three server processes on one Azurite, reaching each subscriber once', async () => {
    const lead = threeLead;
    const subscribers = people('three-mso', 100);
    const everyone = [...subscribers, lead];
    const bots: BotProcess[] = [];
    showLogsOnFailure(() => bots);
    onTestFinished(() => forget(everyone));

    const [reused, added] = await Promise.all([restarted ?? start(botEnv(`three-${RUN}-1`, THREE_RPS)), startOthers()]);
    bots.push(reused, ...added);
    const [one, two] = bots;
    if (!one || !two) throw new Error('three bot processes were started');
    await Promise.all([
      ...bots.map((bot, b) =>
        install(
          bot,
          subscribers.filter((_, n) => n % bots.length === b),
        ),
      ),
      install(one, [lead]),
    ]);
    // A process's first tick (5 s after it starts) taking the lease just before the broadcast exists
    // would leave it to the next minute's tick: start the broadcast once those ticks are over.
    const quietFrom = Math.max(...bots.map((bot) => bot.listeningSince)) + FIRST_TICK_MS + 500;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, quietFrom - Date.now())));
    const broadcastId = await sendReminderNow(lead, one, two);
    await waitFor(() => (remindersSent(everyone) > 0 ? true : undefined), 'the broadcast to start sending', 30_000);
    // Every process is asked to tick while the broadcast is going out; the lease lets one work.
    const ticks = await Promise.all(bots.map(tick));
    const report = await waitFor(() => reportsTo(lead)[0], "the lead's report", 60_000);
    // A second report, from a second instance finishing the same broadcast, would come at once.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const planned = await storage.broadcasts.plannedTargets(broadcastId);
    expect(ticks.map((answer) => answer.status).filter((status) => status !== 200 && status !== 202)).toEqual([]);
    expect(
      ticks.filter(({ answer }) => 'running' in answer || answer.ran).length,
      'ticks that worked at once',
    ).toBeLessThanOrEqual(1);
    expect(
      conversationsOf(everyone, (count) => count !== 1),
      'not sent exactly once',
    ).toEqual([]);
    expect(everyone.map(personalChatId).filter((conversationId) => !planned.has(conversationId))).toEqual([]);
    expect(report).toMatchObject({
      Subscribers: String(planned.size),
      Delivered: String(planned.size),
      Unreachable: '0',
      Failed: '0',
    });
    expect(reportsTo(lead)).toHaveLength(1);
  }, 90_000);

  it('updates every sent reminder after the server process is killed mid-correction and restarted, none more than the requests in flight', async () => {
    const lead = correctLead;
    const everyone = [...people('correct-mso', 60), lead];
    // The other tests' processes would share the work (one lease for all): only this test's runs.
    await others?.catch(() => undefined);
    await Promise.all(running.splice(0).map((bot) => bot.kill()));
    const bots: BotProcess[] = [];
    showLogsOnFailure(() => bots);
    onTestFinished(() => forget(everyone));
    const env = botEnv(`correct-${RUN}`, CRASH_RPS);
    const first = await start(env);
    bots.push(first);
    await install(first, everyone);
    const { occurrenceId } = await sendReminderNowFor(lead, first, first);
    await waitFor(() => (reportsTo(lead)[0] ? true : undefined), "the reminder's report", 30_000);
    // Every copy of a reminder for that date, this test's and the earlier tests' alike, by its message id.
    const reminders = (await storage.broadcasts.list('reminder')).filter(
      (broadcast) => broadcast.kind === 'reminder' && broadcast.occurrenceId === occurrenceId,
    );
    const copies: string[] = [];
    for (const reminder of reminders)
      for await (const copy of storage.broadcasts.deliveredCopies(reminder.id))
        if (copy.activityId) copies.push(copy.activityId);
    const updates = () => connector.calls.filter((call) => call.kind === 'update');
    const updatesOf = (activityId: string) => updates().filter((call) => call.activityId === activityId).length;
    const updateReports = () =>
      connector
        .sentCards(personalChatId(lead))
        .filter((card) => titleOf(card) === 'Sent reminders updated')
        .map(factsOf);

    // The lead gives that date a topic: every sent copy is to show it.
    const saved = await first.post(
      cardAction(
        'changeWebinarOccurrence',
        { occurrenceId, occurrenceTopic: `Example topic ${RUN}`, occurrenceJoinUrl: '' },
        { serviceUrl: connector.serviceUrl, from: lead },
      ),
    );
    expect(JSON.stringify(saved.body)).toContain('being updated');
    await waitFor(() => (updates().length >= 30 ? true : undefined), '30 copies updated', 30_000);
    const held = (await holdNext('update')).activityId ?? '';
    await first.kill();
    expect(new Set(updates().map((call) => call.activityId)).size, 'the crash came mid-correction').toBeLessThan(
      copies.length,
    );

    const again = await start(env);
    bots.push(again);
    await tick(again);
    // One report for each reminder corrected.
    await waitFor(() => (updateReports().length === reminders.length ? true : undefined), 'the update reports', 60_000);

    const times = copies.map(updatesOf);
    expect(
      copies.filter((activityId) => updatesOf(activityId) === 0),
      'copies never updated',
    ).toEqual([]);
    expect(
      times.filter((count) => count > 2),
      'copies updated three times or more',
    ).toEqual([]);
    // Only updates in the air at the kill may go twice: the one held, and at most 5 in all.
    expect(times.filter((count) => count === 2).length).toBeLessThanOrEqual(5);
    expect(updatesOf(held)).toBe(2);
    expect(
      updates().every((call) => JSON.stringify(call.body).includes(`Example topic ${RUN}`)),
      'every update shows the topic',
    ).toBe(true);
    const updated = updateReports().reduce((sum, report) => sum + Number(report.Updated), 0);
    expect(updated).toBe(copies.length);
  }, 120_000);
});
