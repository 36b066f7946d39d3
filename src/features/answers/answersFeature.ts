import type { Feature } from '../feature.js';
import { editTaughtAnswer } from './actions/editTaughtAnswer.js';
import { removeTaughtAnswer } from './actions/removeTaughtAnswer.js';
import { saveTaughtAnswer } from './actions/saveTaughtAnswer.js';
import { answersIntents } from './intents.js';
import { eraseAnswersData } from './privacy.js';

/** Answers the leads teach the bot: kept in Tables with every version, used by every instance within seconds. */
export const answersFeature: Feature = {
  name: 'answers',
  intents: answersIntents,
  actions: [editTaughtAnswer, saveTaughtAnswer, removeTaughtAnswer],
  erase: eraseAnswersData,
};
