import type { Feature } from '../feature.js';
import { chooseOrganisation } from './actions/chooseOrganisation.js';
import { saveOrganisation } from './actions/saveOrganisation.js';
import { undoWorkplace } from './actions/undoWorkplace.js';
import { directoryIntents } from './intents.js';
import { directoryData, eraseDirectoryData } from './privacy.js';

/** The network directory and reference data: who leads what, and where each MSO works. */
export const directoryFeature: Feature = {
  name: 'directory',
  intents: directoryIntents,
  actions: [chooseOrganisation, saveOrganisation, undoWorkplace],
  myData: directoryData,
  erase: eraseDirectoryData,
};
