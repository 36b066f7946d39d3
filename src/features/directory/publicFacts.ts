/**
 * Public facts about the MSO role and national reporting, with their public links. They are
 * not the network's to edit (the leads keep the directory); they change only with the NHS.
 */
export const PUBLIC_LINKS = {
  lfpse: {
    title: 'Learn from Patient Safety Events (LFPSE)',
    url: 'https://www.england.nhs.uk/patient-safety/patient-safety-insight/learning-from-patient-safety-events/learn-from-patient-safety-events-service/',
  },
  yellowCard: { title: 'MHRA Yellow Card', url: 'https://yellowcard.mhra.gov.uk/' },
  cas: { title: 'Central Alerting System (CAS)', url: 'https://www.cas.mhra.gov.uk/' },
  sps: { title: 'Specialist Pharmacy Service (SPS)', url: 'https://www.sps.nhs.uk/' },
} as const;

export const THE_2014_ALERT =
  'the National Patient Safety Alert "Improving medication error incident reporting and learning" (NHS/PSA/D/2014/005, 20 March 2014, NHS England and MHRA)';

export const PUBLIC_FACTS = {
  msoRole: [
    `Medication Safety Officers (MSOs) come from ${THE_2014_ALERT}. It asked large providers to name an MSO, a board-level director for medication error reporting, and a multi-professional group to review medication incidents.`,
    'MSOs are supported by the national MSO network (run with SPS, NHS England and the MHRA), the national MSO network lead at SPS, the regional MSO networks, the Royal Pharmaceutical Society, and a buddy scheme that pairs MSOs new to post with experienced mentors.',
  ],
  incidents:
    'Medication incidents are reported through Learn from Patient Safety Events (LFPSE), which replaced the NRLS when it closed on 30 June 2024.',
  adverseReactions: 'Suspected adverse drug reactions go to the MHRA through the Yellow Card scheme.',
  safetyAlerts: `Safety alerts are published on the Central Alerting System (CAS). The MSO role itself comes from one: ${THE_2014_ALERT}.`,
} as const;
