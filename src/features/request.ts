import type { ConversationKind, ConversationReferenceJson } from './conversations/conversationReferences.js';

/** Who sent a message or pressed a button, as the channel says (never as a card says). */
export interface Person {
  /** What the bot keys the person's records on: their Entra object id, or the channel's id where Teams gives none. */
  id: string;
  /** Entra object id; role checks (leads) use this and nothing else. */
  aadObjectId: string | undefined;
  /** The channel's id for the person (`29:…`). */
  teamsId: string;
  /** Display name, already cut to 100 characters and cleaned of direction overrides at the edge. */
  name: string;
}

/** Where a turn happens. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  /** Where later messages and card updates go (the Bot Framework's conversation reference, as JSON). */
  reference: ConversationReferenceJson;
  /** The bot's own id here, for "open a chat with me" links. */
  botId: string;
}

/** One incoming turn as a feature sees it: the edge (src/teams) makes it from the activity. */
export interface TurnRequest {
  person: Person;
  conversation: Conversation;
  /** The message (a card) the person acted on, if any. */
  replyToId: string | undefined;
}
