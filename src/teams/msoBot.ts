import { TeamsActivityHandler, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { CardAction } from '../features/cardAction.js';
import { answerInConversation } from '../features/questions/answerInConversation.js';
import type { BotDeps } from '../features/botDeps.js';
import { welcomeFor } from '../features/admin/intents.js';
import { recordReadReceipt } from '../features/broadcast/readReceipts.js';
import { conversationRecordFrom } from './conversationRecord.js';
import { dispatchCardAction } from './dispatchCardAction.js';
import { sendCard } from './sendCard.js';
import type { ConversationRateLimit } from './conversationRateLimit.js';
import { turnRequestOf } from './turnRequest.js';

const SLOW_DOWN =
  'That is a lot of messages in one minute, so I am taking a short pause. Wait a minute, then ask again.';

/**
 * Turns Teams activities into calls on the domain and cards back. Installs and uninstalls are
 * recorded so that the bot can write to the conversation later.
 */
export class MsoBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: BotDeps,
    /** Card verb -> its handler, from every feature. */
    private readonly actions: ReadonlyMap<string, CardAction>,
    /** Messages each conversation may send in a minute. */
    private readonly messageRate: Pick<ConversationRateLimit, 'check'>,
  ) {
    super();
    // Teams sends these only for personal chats, and only with the RSC permission in the manifest.
    this.onTeamsReadReceiptEvent(async (receipt, turn, next) => {
      const { conversation } = turn.activity;
      const recorded = await recordReadReceipt(this.deps, {
        conversationId: conversation.id,
        personal: conversation.conversationType === 'personal',
        lastReadMessageId: receipt.lastReadMessageId,
      });
      this.log(turn).info({ outcome: recorded ? 'read_receipt' : 'read_receipt_ignored' }, 'read receipt');
      await next();
    });
  }

  protected override async onMessageActivity(turn: TurnContext): Promise<void> {
    // Over the limit nothing is stored or understood: one polite word, then silence for the minute.
    const rate = this.messageRate.check(turn.activity.conversation.id);
    if (rate !== 'answer') {
      if (rate === 'slowDown') await turn.sendActivity(SLOW_DOWN);
      this.log(turn).warn({ outcome: 'rate_limited', told: rate === 'slowDown' }, 'message not handled');
      return;
    }
    // The conversation may predate our records (installed before a data reset): keep it known,
    // alongside answering rather than before it.
    const recorded = this.deps.storage.conversations.ensure(conversationRecordFrom(turn.activity));
    const { text = '' } = turn.activity as Partial<Activity>; // absent when only an attachment was sent
    const understanding = await this.deps.understand(text);
    const [, cards] = await Promise.all([
      recorded,
      answerInConversation(this.deps, turnRequestOf(turn), understanding),
    ]);
    for (const card of cards) await sendCard(turn, card);
    const { intent, score } = understanding;
    this.log(turn).info({ outcome: 'answered', intent, score: Math.round(score * 100) / 100 }, 'message handled');
  }

  protected override async onInstallationUpdateActivity(turn: TurnContext): Promise<void> {
    const action = turn.activity.action ?? '';
    if (action.startsWith('add')) await this.install(turn);
    else if (action.startsWith('remove')) await this.uninstall(turn);
  }

  protected override async onConversationUpdateActivity(turn: TurnContext): Promise<void> {
    const botId = turn.activity.recipient.id;
    if (turn.activity.membersAdded?.some((member) => member.id === botId)) await this.install(turn);
    else if (turn.activity.membersRemoved?.some((member) => member.id === botId)) await this.uninstall(turn);
  }

  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    if (turn.activity.name === 'adaptiveCard/action') return dispatchCardAction(turn, this.deps, this.actions);
    this.log(turn).info(
      { outcome: 'unsupported_invoke', invokeName: turn.activity.name?.slice(0, 64) },
      'invoke refused',
    );
    return { status: 400, body: { error: 'unsupported_invoke', message: 'This bot does not handle that invoke.' } };
  }

  /** Teams may announce one install twice (installationUpdate and conversationUpdate): welcome once. */
  private async install(turn: TurnContext): Promise<void> {
    const record = conversationRecordFrom(turn.activity);
    const [{ created }] = await Promise.all([
      this.deps.storage.conversations.save(record),
      this.deps.storage.subscriptions.subscribe(record.conversationId, record.kind, new Date()),
    ]);
    this.log(turn).info({ outcome: created ? 'installed' : 'reinstalled', kind: record.kind }, 'conversation recorded');
    if (created && record.kind === 'personal') {
      await sendCard(turn, await welcomeFor(this.deps, turnRequestOf(turn).person));
    }
  }

  private async uninstall(turn: TurnContext): Promise<void> {
    const conversationId = turn.activity.conversation.id;
    const [removed] = await Promise.all([
      this.deps.storage.conversations.remove(conversationId),
      this.deps.storage.subscriptions.remove(conversationId),
    ]);
    this.log(turn).info({ outcome: removed ? 'uninstalled' : 'already_gone' }, 'conversation removed');
  }

  private log(turn: TurnContext) {
    return this.deps.logger.child({
      activityId: turn.activity.id,
      activityType: turn.activity.type,
      conversationType: turn.activity.conversation.conversationType,
    });
  }
}
