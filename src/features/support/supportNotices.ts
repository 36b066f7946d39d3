import { errorSummary } from '../../platform/errorSummary.js';
import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { leadChats, leadMris, type LeadChats } from '../leads/leadChats.js';
import { supportRequestCard, type SupportViewer } from './supportCards.js';
import type { SupportCardCopy } from './supportRequests.js';
import type { SupportRequest } from './supportScheme.js';

export interface CardFor {
  viewerId?: string;
  message?: string;
  /** The leads' chats, when the caller already looked them up. */
  chats?: LeadChats;
}

/** The request's card for one viewer, refreshing to the leads' view for the leads. */
export async function supportCardFor(
  deps: BotDeps,
  request: SupportRequest,
  viewer: SupportViewer,
  { viewerId, message, chats }: CardFor = {},
): Promise<AdaptiveCardJson> {
  return supportRequestCard(deps.directory, request, {
    viewer,
    leadMris: leadMris(chats ?? (await leadChats(deps))),
    ...(viewerId ? { viewerId } : {}),
    ...(message ? { message } : {}),
  });
}

/** Whose chat a copy is in, so a lead's copy can say "taken by you". */
function ownerOf(copy: SupportCardCopy): string | undefined {
  const { user } = copy.reference as { user?: { aadObjectId?: unknown } };
  return typeof user?.aadObjectId === 'string' ? user.aadObjectId : undefined;
}

/** Sends the request to every lead with a personal chat; resolves to where each copy went. */
export async function sendToLeads(deps: BotDeps, request: SupportRequest): Promise<SupportCardCopy[]> {
  const chats = await leadChats(deps);
  const copies: SupportCardCopy[] = [];
  for (const chat of chats) {
    try {
      const viewerId = ownerOf({ reference: chat.reference, activityId: '' });
      const card = await supportCardFor(deps, request, 'lead', { chats, ...(viewerId ? { viewerId } : {}) });
      const activityId = await deps.messenger.send(chat.reference, card);
      if (activityId) copies.push({ reference: chat.reference, activityId });
    } catch (error) {
      deps.logger.warn({ requestId: request.id, outcome: 'lead_card_not_sent', error: errorSummary(error) }, 'support');
    }
  }
  return copies;
}

/** After a change, every copy of the card shows it (the copy that was clicked is updated by the invoke reply instead). */
export async function refreshSupportCopies(
  deps: BotDeps,
  request: SupportRequest,
  copies: readonly SupportCardCopy[],
): Promise<void> {
  const chats = await leadChats(deps);
  await Promise.all(
    copies.map(async (copy) => {
      try {
        const viewerId = ownerOf(copy);
        const card = await supportCardFor(deps, request, copy.viewer ?? 'lead', {
          chats,
          ...(viewerId ? { viewerId } : {}),
        });
        await deps.messenger.update(copy.reference, copy.activityId, card);
      } catch (error) {
        deps.logger.warn(
          { requestId: request.id, outcome: 'card_copy_not_updated', error: errorSummary(error) },
          'support',
        );
      }
    }),
  );
}

/** The answer (or the closing) reaches the person as a new card in their personal chat; its copy is recorded. */
export async function tellAsker(deps: BotDeps, request: SupportRequest): Promise<SupportCardCopy | undefined> {
  const chat = await deps.storage.conversations.findPersonalChat(request.userId);
  if (!chat) return undefined;
  const message =
    request.status === 'answered'
      ? 'The national lead has answered your question.'
      : 'The national lead has closed your question.';
  try {
    const activityId = await deps.messenger.send(
      chat.reference,
      await supportCardFor(deps, request, 'asker', { message }),
    );
    return activityId ? { reference: chat.reference, activityId, viewer: 'asker' } : undefined;
  } catch (error) {
    deps.logger.warn({ requestId: request.id, outcome: 'asker_not_told', error: errorSummary(error) }, 'support');
    return undefined;
  }
}
