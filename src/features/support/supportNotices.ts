import { errorSummary } from '../../platform/errorSummary.js';
import type { AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import type { BotDeps } from '../botDeps.js';
import { leadMris, type LeadChats } from '../leads/leadChats.js';
import { supportRequestCard, type SupportViewer } from './supportCards.js';
import type { SupportCardCopy } from './supportRequests.js';
import type { SupportRequest } from './supportScheme.js';

/**
 * The request's card for one viewer, refreshing to the leads' view for the leads (`chats`: the
 * leads' chats, read once by the caller for all the cards it makes).
 */
export function supportCardFor(
  deps: Pick<BotDeps, 'directory'>,
  request: SupportRequest,
  viewer: SupportViewer,
  chats: LeadChats,
  { viewerId, message }: { viewerId?: string | undefined; message?: string } = {},
): AdaptiveCardJson {
  return supportRequestCard(deps.directory, request, {
    viewer,
    leadMris: leadMris(chats),
    ...(viewerId ? { viewerId } : {}),
    ...(message ? { message } : {}),
  });
}

/** Whose chat a conversation reference is, so a lead's copy can say "taken by you". */
function ownerOf(reference: Record<string, unknown>): string | undefined {
  const { user } = reference as { user?: { aadObjectId?: unknown } };
  return typeof user?.aadObjectId === 'string' ? user.aadObjectId : undefined;
}

/** Sends the request to every lead with a personal chat; resolves to where each copy went. */
export async function sendToLeads(
  deps: BotDeps,
  request: SupportRequest,
  chats: LeadChats,
): Promise<SupportCardCopy[]> {
  const copies: SupportCardCopy[] = [];
  for (const chat of chats) {
    try {
      const card = supportCardFor(deps, request, 'lead', chats, { viewerId: ownerOf(chat.reference) });
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
  chats: LeadChats,
): Promise<void> {
  await Promise.all(
    copies.map(async (copy) => {
      try {
        const card = supportCardFor(deps, request, copy.viewer ?? 'lead', chats, {
          viewerId: ownerOf(copy.reference),
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
export async function tellAsker(
  deps: BotDeps,
  request: SupportRequest,
  chats: LeadChats,
): Promise<SupportCardCopy | undefined> {
  const chat = await deps.storage.conversations.findPersonalChat(request.userId);
  if (!chat) return undefined;
  const message =
    request.status === 'answered'
      ? 'The national lead has answered your question.'
      : 'The national lead has closed your question.';
  try {
    const activityId = await deps.messenger.send(
      chat.reference,
      supportCardFor(deps, request, 'asker', chats, { message }),
    );
    return activityId ? { reference: chat.reference, activityId, viewer: 'asker' } : undefined;
  } catch (error) {
    deps.logger.warn({ requestId: request.id, outcome: 'asker_not_told', error: errorSummary(error) }, 'support');
    return undefined;
  }
}
