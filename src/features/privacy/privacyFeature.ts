import type { Feature } from '../feature.js';
import { eraseMyData } from './actions/eraseMyData.js';
import { privacyIntents } from './intents.js';
import { auditData, eraseAuditData } from './myData.js';

/** What the bot holds about a person, erasing it, and the audit log. Listed last: its erasure pseudonymises the audit table after every other feature. */
export const privacyFeature: Feature = {
  name: 'privacy',
  intents: privacyIntents,
  actions: [eraseMyData],
  myData: auditData,
  erase: eraseAuditData,
};
