import type { Feature } from '../feature.js';
import { addLead } from './actions/addLead.js';
import { editDirectorySection } from './actions/editDirectorySection.js';
import { removeLead } from './actions/removeLead.js';
import { restoreDirectoryVersion } from './actions/restoreDirectoryVersion.js';
import { saveDirectorySection } from './actions/saveDirectorySection.js';
import { adminIntents } from './intents.js';
import { adminData, eraseAdminData } from './privacy.js';

/** Running the network from Teams: the lead menu, the leads and deputies, the directory on cards. */
export const adminFeature: Feature = {
  name: 'admin',
  intents: adminIntents,
  actions: [editDirectorySection, saveDirectorySection, restoreDirectoryVersion, addLead, removeLead],
  myData: adminData,
  erase: eraseAdminData,
};
