import type { Feature } from '../feature.js';
import { conversationAliases, conversationData, eraseConversationData } from './privacy.js';

/** The conversations the bot is installed in, kept so it can write there later. */
export const conversationsFeature: Feature = {
  name: 'conversations',
  aliases: conversationAliases,
  myData: conversationData,
  erase: eraseConversationData,
};
