import { CardFactory, MessageFactory, TeamsInfo, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { ConversationReferenceJson } from '../features/conversations/conversationReferences.js';
import type { Messenger } from '../features/messenger.js';

/** The SDK's HTTP pipeline retries 429 and 5xx three times by itself; the dispatcher must see each answer. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/** A connector client is made for each proactive turn, so this changes no other send. */
function withoutSdkRetries(turn: TurnContext, key: symbol): void {
  const connector = turn.turnState.get<PipelineHolder | undefined>(key);
  connector?.client?.pipeline?.removePolicy({ name: SDK_RETRY_POLICY });
}

export function createMessenger(adapter: CloudAdapter, appId: string | undefined): Messenger {
  type Work = (turn: TurnContext) => Promise<void>;
  // The adapter hands a turn's error to onTurnError (which logs it and carries on); a proactive
  // send's caller needs it instead, to count, retry or mark the conversation unreachable.
  const within = async (reference: ConversationReferenceJson, work: Work) => {
    let failure: { error: unknown } | undefined;
    await adapter.continueConversationAsync(appId ?? '', reference, async (turn) => {
      try {
        await work(turn);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  };
  return {
    async send(reference, card) {
      let id: string | undefined;
      await within(reference, async (turn) => {
        id = (await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id;
      });
      return id;
    },
    async sendOnce(reference, card) {
      let id: string | undefined;
      await within(reference, async (turn) => {
        withoutSdkRetries(turn, adapter.ConnectorClientKey);
        id = (await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id;
      });
      return id;
    },
    async updateOnce(reference, activityId, card) {
      await within(reference, async (turn) => {
        withoutSdkRetries(turn, adapter.ConnectorClientKey);
        await turn.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
      });
    },
    async memberEmail(reference) {
      const userId = (reference.user as { id?: unknown } | undefined)?.id;
      if (typeof userId !== 'string') return undefined;
      let email: string | undefined;
      await within(reference, async (turn) => {
        const member = await TeamsInfo.getMember(turn, userId);
        email = member.email ?? member.userPrincipalName;
      });
      return email;
    },
    async update(reference, activityId, card) {
      await within(reference, async (turn) => {
        await turn.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
      });
    },
  };
}
