import { followSaved } from '../directory/directorySync.js';
import { answerCard } from '../answerCard.js';
import type { BotDeps } from '../botDeps.js';
import type { IntentHandler } from '../feature.js';
import { isLead } from '../leads/isLead.js';
import { leadsOnlyAnswer } from '../leads/leadsOnly.js';
import { welcomeCard } from '../questions/botCards.js';
import type { Intent } from '../questions/intents.js';
import { directorySettingsCard, historyCard, leadMenuCard, regionalLeadMenuCard } from './adminCards.js';
import { currentLeadsCard } from './leadsCardFor.js';
import { editableSections, mayEdit } from './sectionEditor.js';

const HISTORY_LENGTH = 20;

/** Each turn reads who is a lead by the Entra id the channel gives; `userId` is that id where Teams has one. */
export const adminIntents = {
  leadMenu: (deps, userId) => leadMenu(deps, userId),
  manageLeads: async (deps, userId) => {
    if (!(await isLead(deps, userId))) return answerCard(leadsOnlyAnswer(deps.directory.network, 'Leads and deputies'));
    return currentLeadsCard(deps);
  },
  directorySettings: async (deps, userId) => {
    await followSaved(deps.storage.directory, deps.directory);
    const editor = await editableSections(deps, { aadObjectId: userId });
    if (!editor) return answerCard(leadsOnlyAnswer(deps.directory.network, 'Directory settings'));
    return directorySettingsCard(deps, (section) => mayEdit(editor, section));
  },
  directoryHistory: async (deps, userId) => {
    if (!(await isLead(deps, userId))) return answerCard(leadsOnlyAnswer(deps.directory.network, 'Directory history'));
    await followSaved(deps.storage.directory, deps.directory);
    return historyCard(deps, await deps.storage.directory.history(HISTORY_LENGTH));
  },
} satisfies Partial<Record<Intent, IntentHandler>>;

/** The lead menu with what is waiting; a regional lead's names their region; anyone else is told who can. */
export async function leadMenu(deps: BotDeps, userId: string) {
  const editor = await editableSections(deps, { aadObjectId: userId });
  return editor ? menuFor(deps, editor) : answerCard(leadsOnlyAnswer(deps.directory.network, 'The lead menu'));
}

async function menuFor(deps: BotDeps, editor: NonNullable<Awaited<ReturnType<typeof editableSections>>>) {
  const requests = deps.storage.buddyRequests;
  if (editor.kind === 'regional') {
    const { region } = editor;
    const waiting = (await requests.list({ status: 'pending' })).filter((stored) => stored.request.region === region);
    return regionalLeadMenuCard(deps, deps.directory.reference.region(region).name, waiting.length);
  }
  const [pending, approved, open] = await Promise.all([
    requests.list({ status: 'pending' }),
    requests.list({ status: 'approved' }),
    deps.storage.supportRequests.list({ status: 'open' }),
  ]);
  return leadMenuCard(deps, {
    toDecide: pending.length,
    toMatch: approved.filter((stored) => stored.request.wayIn !== 'mentor').length,
    openQuestions: open.length,
  });
}

/** The first card in a new personal chat: a lead's (or regional lead's) is their menu, an MSO's the welcome. */
export async function welcomeFor(deps: BotDeps, person: { id: string; aadObjectId: string | undefined }) {
  const editor = await editableSections(deps, person);
  return editor ? menuFor(deps, editor) : welcomeCard();
}
