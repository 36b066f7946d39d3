import type { Feature } from '../feature.js';
import { askQuestion } from './actions/askQuestion.js';
import { showHelp } from './actions/showHelp.js';
import { questionIntents } from './answerQuestion.js';

/** Understanding what people type: the menu, and what to do with what nobody's intent fits. */
export const questionsFeature: Feature = {
  name: 'questions',
  intents: questionIntents,
  actions: [showHelp, askQuestion],
};
