import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, LEAD_COMMANDS, MENU_QUESTIONS } from '../../../../src/features/questions/commands.js';
import { readSignUpValues } from '../../../../src/features/buddy/signUpForm.js';
import { helpCard } from '../../../../src/features/questions/botCards.js';
import { VERBS } from '../../../../src/features/verbs.js';
import { REGION_CODES } from '../../../../src/features/directory/referenceData.js';
// The app loads every feature, and with it every card module's templates.
import '../../../../src/app.js';
import {
  registeredCardNames,
  renderCard,
  type CardData,
  type CardName,
} from '../../../../src/platform/cards/renderCard.js';
import { cardProblems } from '../../../support/validateCard.js';
import {
  readOccurrenceValues,
  readShownValues,
  scheduleValuesOf,
} from '../../../../src/features/webinar/settingsForm.js';

const BLANK_SIGN_UP = readSignUpValues({});

const SUPPORT_VERBS = {
  refresh: VERBS.refreshSupportRequest,
  take: VERBS.takeSupportRequest,
  answer: VERBS.answerSupportRequest,
  close: VERBS.closeSupportRequest,
  resolve: VERBS.resolveSupportRequest,
  reopen: VERBS.reopenSupportRequest,
};

/** The form as a national lead (audience choices) and as a regional lead (their region), with an error. */
function announcementFormSample(national: boolean): CardData['announcementForm'] {
  return {
    message: national ? '' : 'Some answers need changing: see below.',
    messageColour: national ? 'Default' : 'Attention',
    broadcastId: 'm0123456789abcdef',
    values: { title: '', text: '', buttonTitle: '', buttonUrl: '', audience: 'everyone', region: '' },
    errors: {
      title: national ? '' : 'Give a title of at least 3 characters.',
      text: '',
      buttonTitle: '',
      buttonUrl: '',
      audience: '',
      region: '',
    },
    national,
    everyone: '12 chats',
    channels: '2 chats',
    regions: REGION_CODES.map((code) => ({ code, name: `Region ${code}`, count: '1 chat' })),
    ownRegion: national ? '' : 'North West',
    ownRegionCount: '3 chats',
    leftOut: '4 chats of MSOs with no saved organisation or region would be left out.',
    verbs: { preview: VERBS.previewAnnouncement, review: VERBS.reviewAnnouncement },
  };
}

/** Sample data for every template; the type makes a new template without samples a compile error. */
const samples: { [N in CardName]: [CardData[N], ...CardData[N][]] } = {
  welcome: [{ verbs: { showHelp: VERBS.showHelp } }],
  smallTalk: [{ reply: 'You are welcome.', verbs: { showHelp: VERBS.showHelp } }],
  help: [
    {
      opening: '',
      commands: COMMANDS,
      leadCommands: [],
      questions: MENU_QUESTIONS,
      askAbout: '',
      verbs: { askQuestion: VERBS.askQuestion, askNationalLead: VERBS.askNationalLead },
    },
    {
      opening: 'Sorry, I did not understand that.',
      commands: COMMANDS,
      leadCommands: LEAD_COMMANDS,
      questions: MENU_QUESTIONS,
      askAbout: 'where is the MSO workspace',
      verbs: { askQuestion: VERBS.askQuestion, askNationalLead: VERBS.askNationalLead },
    },
  ],
  apology: [{ reference: 'incoming-1234' }],
  taughtAnswerList: [
    { message: '', answers: [], verbs: { edit: VERBS.editTaughtAnswer, remove: VERBS.removeTaughtAnswer } },
    {
      message: 'Removed “Webinar recordings”: MSOs no longer get it.',
      answers: [
        {
          id: 'a0123456789ab',
          title: 'Webinar recordings',
          summary: 'Version 2, Example Lead, Wednesday 2 December 2026, 09:14',
        },
      ],
      verbs: { edit: VERBS.editTaughtAnswer, remove: VERBS.removeTaughtAnswer },
    },
  ],
  taughtAnswerForm: [
    {
      heading: 'Teach the bot an answer',
      message: 'Please check the 2 fields marked below. Nothing was saved.',
      messageColour: 'Attention',
      answerId: 'a0123456789ab',
      version: '0',
      values: { title: '', text: '', examples: '' },
      links: [1, 2, 3].map((n) => ({
        titleId: `linkTitle${String(n)}`,
        urlId: `linkUrl${String(n)}`,
        title: '',
        url: '',
      })),
      errors: {
        title: 'Give the answer a short title.',
        text: 'Write the answer MSOs will see.',
        examples: '',
        links: '',
      },
      verbs: { save: VERBS.saveTaughtAnswer },
    },
  ],
  announcementForm: [announcementFormSample(true), announcementFormSample(false)],
  announcementConfirm: [
    {
      heading: 'Send this announcement?',
      paragraphs: ['It goes out within Teams’ limits.'],
      facts: [{ title: 'To', value: 'everyone subscribed' }],
      confirmable: true,
      recipients: '12 chats',
      data: { broadcastId: 'm0123456789abcdef', title: 'A title' },
      verbs: { send: VERBS.sendAnnouncement, edit: VERBS.editAnnouncement },
    },
  ],
  announcementList: [
    {
      message: '',
      announcements: [{ title: 'A title', summary: '2 December 2026 to everyone subscribed; still sending' }],
      choices: [{ id: 'm0123456789abcdef', title: 'A title (2 December 2026)' }],
      verbs: {
        create: VERBS.newAnnouncement,
        report: VERBS.showAnnouncementReport,
        withdraw: VERBS.withdrawAnnouncement,
      },
    },
    {
      message: 'Withdrawn.',
      announcements: [],
      choices: [],
      verbs: {
        create: VERBS.newAnnouncement,
        report: VERBS.showAnnouncementReport,
        withdraw: VERBS.withdrawAnnouncement,
      },
    },
  ],
  supportAsk: [
    {
      requestId: 'Q-7KD3PX',
      intro: 'The national MSO network lead at SPS supports MSOs.',
      message: '',
      values: { question: '', topic: '' },
      errors: { question: '', topic: '' },
      topics: [{ title: 'The webinar', value: 'webinar' }],
      verbs: { submit: VERBS.submitSupportQuestion },
    },
    {
      requestId: 'Q-7KD3PX',
      intro: 'The national MSO network lead at SPS supports MSOs.',
      message: 'Please check the 2 fields marked below.',
      values: { question: 'x'.repeat(2001), topic: 'nonsense' },
      errors: { question: 'Keep the question to 2,000 characters.', topic: 'Choose what the question is about.' },
      topics: [{ title: 'The webinar', value: 'webinar' }],
      verbs: { submit: VERBS.submitSupportQuestion },
    },
  ],
  supportRequest: [
    {
      requestId: 'Q-7KD3PX',
      title: 'Question from Sam Example',
      statusLine: 'Open: waiting for an answer',
      statusColour: 'Accent',
      message: '',
      facts: [{ title: 'Reference', value: 'Q-7KD3PX' }],
      thread: [{ heading: 'Sam Example asked, Wednesday 2 December 2026, 09:14', text: 'Was last month recorded?' }],
      footnote: 'Answer here and the person gets it in their chat with the bot.',
      lead: { takeable: true, answerable: true },
      asker: { resolvable: false, reopenable: false },
      refreshUserIds: ['29:lead-a'],
      verbs: SUPPORT_VERBS,
    },
    {
      requestId: 'Q-7KD3PX',
      title: 'Your question to the national lead',
      statusLine: 'Answered: does this answer your question?',
      statusColour: 'Good',
      message: 'The national lead has answered your question.',
      facts: [],
      thread: [
        { heading: 'You asked', text: 'Was last month recorded?' },
        { heading: 'Example Lead answered', text: 'Yes.\n\nThe link is in the webinar card.' },
      ],
      footnote: '',
      lead: { takeable: false, answerable: false },
      asker: { resolvable: true, reopenable: true },
      refreshUserIds: [],
      verbs: SUPPORT_VERBS,
    },
  ],
  answer: [
    {
      title: 'North West: North West MSO network',
      paragraphs: ['The regional MSO network for NHS England North West.'],
      facts: [{ title: 'Lead', value: 'North West Example Lead' }],
      links: [
        { title: 'Email the lead', url: 'mailto:nw.lead@example.org' },
        {
          title: 'Chat with the lead in Teams',
          url: 'https://teams.microsoft.com/l/chat/0/0?users=nw.lead%40example.org',
        },
      ],
      asks: [{ title: 'Who is the national lead?', intent: 'nationalLead' }],
      actions: [
        {
          title: 'Undo',
          verb: VERBS.undoWorkplace,
          data: { region: 'Y62', code: 'R0A', previousRegion: '', previousCode: '', then: 'regionalNetwork' },
        },
      ],
      source: { title: 'SPS', url: 'https://www.sps.nhs.uk/' },
      note: 'I have saved Manchester University NHS Foundation Trust (North West) as your organisation.',
      verbs: { askQuestion: VERBS.askQuestion },
    },
    {
      title: 'Training for MSOs',
      paragraphs: ['There is no formal MSO training.'],
      facts: [],
      links: [],
      asks: [],
      actions: [],
      source: { title: 'SPS', url: 'https://www.sps.nhs.uk/' },
      note: '',
      verbs: { askQuestion: VERBS.askQuestion },
    },
  ],
  buddySignUp: [
    {
      intro: 'The national MSO network lead runs the buddy scheme.',
      message: '',
      values: BLANK_SIGN_UP,
      monthsValue: 6,
      errors: BLANK_SIGN_UP,
      wayIns: [{ title: 'I am new to post and would like a buddy', value: 'newToPost' }],
      regions: REGION_CODES.map((code) => ({ title: code, value: code })),
      focusAreas: [{ title: 'Safety alerts', value: 'safetyAlerts' }],
      verbs: { submit: VERBS.submitBuddySignUp },
    },
    {
      intro: 'The national MSO network lead runs the buddy scheme.',
      message: 'Please check the 2 fields marked below.',
      values: {
        wayIn: 'mentor',
        organisation: 'RR8',
        region: 'Y63',
        monthsInRole: 'ten',
        focusAreas: 'safetyAlerts,data',
        capacity: '',
        preferredContact: 'teams',
        email: 'x@example.org',
        note: 'Hello',
        consent: 'true',
      },
      monthsValue: null,
      errors: { ...BLANK_SIGN_UP, monthsInRole: 'Give the months as a number.', capacity: 'Say how many.' },
      wayIns: [{ title: 'I am an experienced MSO and would like to mentor', value: 'mentor' }],
      regions: REGION_CODES.map((code) => ({ title: code, value: code })),
      focusAreas: [
        { title: 'Safety alerts', value: 'safetyAlerts' },
        { title: 'Data and dashboards', value: 'data' },
      ],
      verbs: { submit: VERBS.submitBuddySignUp },
    },
  ],
  checkIn: [
    {
      intro: 'It is 4 weeks since you were paired with Robin Example (on 3 Mar 2026).',
      message: '',
      messageColour: 'Default',
      answers: [
        { title: 'Going well', value: 'goingWell' },
        { title: 'We have not met yet', value: 'notMet' },
      ],
      answer: '',
      note: '',
      submitTitle: 'Send my answer',
      pair: 'newToPost.abc mentor.xyz',
      week: '4',
      verbs: { answer: VERBS.answerCheckIn },
    },
    {
      intro: 'It is 13 weeks since you were paired with Sam Example (on 3 Mar 2026).',
      message: 'Thank you: the national lead has been told.',
      messageColour: 'Good',
      answers: [{ title: 'Going well', value: 'goingWell' }],
      answer: 'goingWell',
      note: 'We meet monthly.',
      submitTitle: 'Change my answer',
      pair: 'newToPost.abc mentor.xyz',
      week: '13',
      verbs: { answer: VERBS.answerCheckIn },
    },
  ],
  buddyPairs: [
    {
      view: 'own',
      title: 'Your buddy',
      message: '',
      paragraphs: ['You are mentoring: 1 of 2 places free.'],
      groups: [
        {
          heading: '',
          pairs: [
            {
              title: 'Robin Example',
              summary: 'Your buddy since 3 Mar 2026; Example Trust; prefers a chat in Teams',
              links: [
                { title: 'Chat in Teams', url: 'https://teams.microsoft.com/l/chat/0/0?users=robin%40example.org' },
              ],
            },
          ],
        },
      ],
      choices: [{ title: 'Robin Example (since 3 Mar 2026)', value: 'newToPost.abc mentor.xyz' }],
      chosen: 'newToPost.abc mentor.xyz',
      pause: 'Pause mentoring',
      pausing: 'true',
      askAgain: '',
      verbs: { end: VERBS.endBuddyPairing, pause: VERBS.pauseMentoring, askAgain: VERBS.askForNewBuddy },
    },
    {
      view: 'leads',
      title: 'Buddy pairs',
      message: 'Ended.',
      paragraphs: ['No pair is active yet.'],
      groups: [],
      choices: [],
      chosen: '',
      pause: '',
      pausing: 'true',
      askAgain: 'newToPost.abc',
      verbs: { end: VERBS.endBuddyPairing, pause: VERBS.pauseMentoring, askAgain: VERBS.askForNewBuddy },
    },
  ],
  buddyRequest: [
    {
      requestId: 'newToPost.abc',
      title: 'Buddy scheme request: Sam Example',
      statusLine: 'Waiting for the national lead',
      statusColour: 'Accent',
      message: '',
      facts: [{ title: 'Region', value: 'London' }],
      chats: [
        { title: 'Chat with Robin Example', url: 'https://teams.microsoft.com/l/chat/0/0?users=robin%40example.org' },
      ],
      note: 'Keen to learn',
      decidable: true,
      matchable: false,
      suggestions: [{ title: 'Robin Example: same region', value: 'mentor.xyz' }],
      noSuggestions: '',
      withdrawable: false,
      askAgain: false,
      refreshUserIds: ['29:lead'],
      verbs: {
        refresh: VERBS.refreshBuddyRequest,
        decide: VERBS.decideBuddyRequest,
        match: VERBS.matchBuddyRequest,
        withdraw: VERBS.withdrawBuddyRequest,
        askAgain: VERBS.askForNewBuddy,
      },
    },
    {
      requestId: 'newToPost.abc',
      title: 'Buddy scheme request: Sam Example',
      statusLine: 'Declined by Example Lead on 26 Nov 2026, 09:00',
      statusColour: 'Attention',
      message: 'Already declined by Example Lead at 26 Nov 2026, 09:00.',
      facts: [{ title: 'Reason', value: 'The scheme is full this quarter.' }],
      chats: [],
      note: '',
      decidable: false,
      matchable: false,
      suggestions: [],
      noSuggestions: '',
      withdrawable: false,
      askAgain: true,
      refreshUserIds: [],
      verbs: {
        refresh: VERBS.refreshBuddyRequest,
        decide: VERBS.decideBuddyRequest,
        match: VERBS.matchBuddyRequest,
        withdraw: VERBS.withdrawBuddyRequest,
        askAgain: VERBS.askForNewBuddy,
      },
    },
  ],
  organisationForm: [
    {
      heading: 'Where do you work?',
      message: 'Which of these do you mean?',
      savedNow: 'Leeds Teaching Hospitals NHS Trust (North East and Yorkshire)',
      choices: [
        { title: 'Oxford Health NHS Foundation Trust (South East)', code: 'RNU' },
        { title: 'Oxford University Hospitals NHS Foundation Trust (South East)', code: 'RTH' },
      ],
      organisation: 'oxford',
      organisationError: '',
      region: '',
      regionError: '',
      regions: REGION_CODES.map((code) => ({ title: code, value: code })),
      then: 'regionalLead',
      verbs: { chooseOrganisation: VERBS.chooseOrganisation, saveOrganisation: VERBS.saveOrganisation },
    },
    {
      heading: 'Where do you work?',
      message: '',
      savedNow: '',
      choices: [],
      organisation: 'Nowhere General',
      organisationError: 'I could not find it.',
      region: 'Y99',
      regionError: 'Choose one of the seven NHS England regions from the list.',
      regions: REGION_CODES.map((code) => ({ title: code, value: code })),
      then: 'regionalNetwork',
      verbs: { chooseOrganisation: VERBS.chooseOrganisation, saveOrganisation: VERBS.saveOrganisation },
    },
  ],
  webinarSettings: [
    {
      message: '',
      messageColour: 'Default',
      summary: 'No schedule is set yet.',
      coming: [],
      schedule: scheduleValuesOf(undefined),
      weeks: [{ title: 'Second', value: '2' }],
      weekdays: [{ title: 'Thursday', value: 'TH' }],
      change: readOccurrenceValues({}),
      errors: { ...scheduleValuesOf(undefined), ...readOccurrenceValues({}), durationMinutes: '' },
      occurrences: [],
      date: { shown: false, past: false, title: '', state: '', message: '' },
      shown: readShownValues({}),
      verbs: {
        saveSchedule: VERBS.saveWebinarSchedule,
        changeOccurrence: VERBS.changeWebinarOccurrence,
        showOccurrence: VERBS.showWebinarOccurrence,
      },
    },
    {
      message: 'Nothing was saved: check the fields marked below.',
      messageColour: 'Attention',
      summary: 'Now: the second Thursday of every month, 13:00 to 14:00 UK time.',
      coming: [{ title: 'Thursday 10 December 2026, 13:00 to 14:00', value: 'Cancelled' }],
      schedule: {
        weekOfMonth: '',
        weekday: '',
        rule: 'FREQ=MONTHLY;BYDAY=XX',
        firstDate: '',
        startTime: '25:00',
        durationMinutes: '60',
        topic: 'Opioid safety',
        joinUrl: 'http://example.org',
      },
      weeks: [
        { title: 'First', value: '1' },
        { title: 'Last', value: '-1' },
      ],
      weekdays: [{ title: 'Thursday', value: 'TH' }],
      change: {
        occurrenceId: '2026-12-10T13:00',
        occurrenceTopic: 'Insulin',
        occurrenceJoinUrl: '',
        cancelled: 'true',
        recordingUrl: '',
      },
      errors: {
        weekOfMonth: '',
        weekday: '',
        rule: 'This rule has a BYDAY value that is not a weekday.',
        firstDate: '',
        startTime: 'Give the start time as HH:MM.',
        durationMinutes: '',
        topic: '',
        joinUrl: 'Give the joining link as an https address.',
        occurrenceId: '',
        occurrenceTopic: 'Keep the topic to one line.',
        occurrenceJoinUrl: '',
        cancelled: '',
        recordingUrl: '',
      },
      occurrences: [{ title: 'Thursday 10 December 2026, 13:00 to 14:00', value: '2026-12-10T13:00' }],
      date: {
        shown: true,
        past: false,
        title: 'Thursday 10 December 2026, 13:00 to 14:00',
        state: 'As it stands: cancelled, so no reminders go out for it. No topic. No joining link yet.',
        message: '',
      },
      shown: { ...readShownValues({}), shownOccurrenceId: '2026-12-10T13:00', shownCancelled: 'true' },
      verbs: {
        saveSchedule: VERBS.saveWebinarSchedule,
        changeOccurrence: VERBS.changeWebinarOccurrence,
        showOccurrence: VERBS.showWebinarOccurrence,
      },
    },
    {
      message: '',
      messageColour: 'Good',
      summary: 'Now: the second Thursday of every month, 13:00 to 14:00 UK time.',
      coming: [],
      schedule: { ...scheduleValuesOf(undefined), weekOfMonth: '2', weekday: 'TH', startTime: '13:00' },
      weeks: [{ title: 'Second', value: '2' }],
      weekdays: [{ title: 'Thursday', value: 'TH' }],
      change: { ...readOccurrenceValues({}), occurrenceId: '2026-11-12T13:00', recordingUrl: 'https://example.org/r' },
      errors: { ...scheduleValuesOf(undefined), ...readOccurrenceValues({}), durationMinutes: '' },
      occurrences: [{ title: 'Thursday 12 November 2026 (recording added)', value: '2026-11-12T13:00' }],
      date: {
        shown: true,
        past: true,
        title: 'Thursday 12 November 2026, 13:00 to 14:00',
        state: 'As it stands: it has taken place. Recording link: added (below).',
        message: 'Saved: the webinar of 12 November 2026 \u2014 recording link added.',
      },
      shown: {
        ...readShownValues({}),
        shownOccurrenceId: '2026-11-12T13:00',
        shownRecordingUrl: 'https://example.org/r',
        shownPast: 'true',
      },
      verbs: {
        saveSchedule: VERBS.saveWebinarSchedule,
        changeOccurrence: VERBS.changeWebinarOccurrence,
        showOccurrence: VERBS.showWebinarOccurrence,
      },
    },
  ],
  confirm: [
    {
      title: 'Send a webinar reminder now?',
      paragraphs: ['Every subscribed chat and channel gets a reminder of the next webinar.'],
      facts: [{ title: 'Subscribers now', value: '42' }],
      confirmable: true,
      confirmTitle: 'Send it now',
      confirmStyle: 'positive',
      verb: VERBS.confirmReminderNow,
      data: { occurrenceId: '2026-12-10T13:00', broadcastId: 'n0123456789abcdef' },
    },
    {
      title: 'Your data has been deleted',
      paragraphs: ['Nothing the bot held about you is left.'],
      facts: [],
      confirmable: false,
      confirmTitle: 'Delete my data',
      confirmStyle: 'destructive',
      verb: VERBS.eraseMyData,
      data: {},
    },
  ],
  myData: [
    {
      intro: 'Everything the MSO Network bot holds about you.',
      sections: [
        { heading: 'Where you work', facts: [{ title: 'Region', value: 'London' }] },
        { heading: 'Buddy scheme', facts: [] },
      ],
      verbs: { askQuestion: VERBS.askQuestion },
    },
  ],
  leadMenu: [
    {
      title: 'Lead menu',
      warning: 'This bot still uses the sample directory.',
      waiting: 'Waiting for you: 2 buddy requests to decide.',
      items: [{ title: 'Pending requests', description: 'Buddy requests to decide', intent: 'buddyPending' }],
      footer: 'Type "lead menu" at any time to come back here.',
      verbs: { askQuestion: VERBS.askQuestion },
    },
  ],
  directorySettings: [
    {
      warning: '',
      message: 'Saved.',
      messageColour: 'Good',
      intro: 'What the bot tells MSOs about the network.',
      sections: [
        {
          section: 'Y62',
          title: 'The North West network',
          facts: [{ title: 'Lead', value: 'Example' }],
          editable: true,
        },
        { section: 'source', title: 'The source the answers cite', facts: [], editable: false },
      ],
      showHistory: true,
      verbs: { edit: VERBS.editDirectorySection, askQuestion: VERBS.askQuestion },
    },
  ],
  directorySection: [
    {
      title: 'Edit: the North West network',
      warning: '',
      message: 'Nothing was saved: check the fields marked below.',
      messageColour: 'Attention',
      intro: 'Emails must be email addresses.',
      fields: [
        {
          id: 'regionalNetworks.1.lead.email',
          label: "Lead's email",
          help: 'Where MSOs email them.',
          kind: 'email',
          maxLength: 254,
          optional: false,
          value: 'not an email',
          error: 'This must be an email address.',
          theirs: 'Saved meanwhile: nw@example.org',
        },
        {
          id: 'regionalNetworks.1.summary',
          label: 'About the network',
          help: 'One or two sentences.',
          kind: 'multiline',
          maxLength: 600,
          optional: false,
          value: 'The network.',
          error: '',
          theirs: '',
        },
        {
          id: 'regionalNetworks.1.leadAadObjectId',
          label: "Lead's Teams account",
          help: 'Pick the regional lead.',
          kind: 'person',
          maxLength: 36,
          optional: true,
          value: '',
          error: '',
          theirs: '',
        },
      ],
      people: [{ title: 'Robin Example', value: '00000000-0000-0000-0000-0000000000a1' }],
      saveTitle: 'Save',
      save: { verb: VERBS.saveDirectorySection, data: { section: 'Y62', sectionHash: 'abc' } },
      back: { verb: VERBS.askQuestion, data: { intent: 'directorySettings' } },
    },
  ],
  directoryHistory: [
    {
      warning: '',
      message: '',
      messageColour: 'Default',
      intro: 'The latest versions, newest first.',
      versions: [
        {
          title: 'Version 2 (in use)',
          line: 'Example Lead changed the North West network',
          version: '2',
          restorable: false,
        },
        { title: 'Version 1', line: 'Example Lead changed the national lead', version: '1', restorable: true },
      ],
      verbs: { restore: VERBS.restoreDirectoryVersion },
    },
  ],
  leads: [
    {
      warning: '',
      message: '',
      messageColour: 'Default',
      people: [
        { name: 'Example Lead', line: 'Owner', id: '00000000-0000-0000-0000-0000000000c2', removable: false },
        {
          name: 'Robin Example',
          line: 'Lead since Wednesday',
          id: '00000000-0000-0000-0000-0000000000a1',
          removable: true,
        },
      ],
      candidates: [{ title: 'Sam Example', value: '00000000-0000-0000-0000-0000000000a2' }],
      error: '',
      verbs: { add: VERBS.addLead, remove: VERBS.removeLead },
    },
  ],
};

const CARD_NAMES = registeredCardNames();

function render<N extends CardName>(name: N, data: CardData[N]) {
  return renderCard(name, data);
}

describe('card templates', () => {
  it('are exactly the templates in cards/', () => {
    const files = readdirSync(new URL('../../../../cards/', import.meta.url), {
      recursive: true,
      encoding: 'utf8',
    }).filter((file) => file.endsWith('.json'));

    expect(files.map((file) => basename(file).replace(/\.json$/, '')).sort()).toEqual([...CARD_NAMES].sort());
    expect([...CARD_NAMES].sort()).toEqual(Object.keys(samples).sort());
  });

  describe.each(CARD_NAMES.flatMap((name: CardName) => samples[name].map((data, index) => ({ name, index, data }))))(
    '$name (sample $index)',
    ({ name, data }) => {
      const card = render(name, data as never);

      it('leaves no template expression unfilled', () => {
        expect(JSON.stringify(card)).not.toContain('${');
      });

      it('is a valid Adaptive Card 1.5', () => {
        expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
        expect(cardProblems(card)).toEqual([]);
      });
    },
  );

  it('shows "did not understand" on the help card only when asked to', () => {
    expect(JSON.stringify(helpCard('notUnderstood'))).toContain('did not understand');
    expect(JSON.stringify(helpCard('asked'))).not.toContain('did not understand');
    expect(JSON.stringify(helpCard('greeted'))).toContain('Hello!');
  });

  it('lists every command on the help card, and offers the menu questions as buttons', () => {
    const card = JSON.stringify(render('help', samples.help[0]));

    for (const command of COMMANDS) expect(card).toContain(command.description);
    for (const question of MENU_QUESTIONS) expect(card).toContain(question.title);
  });

  it('keeps the lead ids in the request card refresh as a list', () => {
    const card = render('buddyRequest', samples.buddyRequest[0]);

    expect(card.refresh).toMatchObject({
      userIds: ['29:lead'],
      action: { type: 'Action.Execute', verb: VERBS.refreshBuddyRequest },
    });
  });

  it('leaves out empty parts of an answer', () => {
    const card = JSON.stringify(render('answer', samples.answer[1] ?? samples.answer[0]));

    expect(card).not.toContain('FactSet');
    expect(card).not.toContain('Action.');
  });

  it('puts the verb constant on the welcome card button', () => {
    const card = renderCard('welcome', { verbs: { showHelp: VERBS.showHelp } });

    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: VERBS.showHelp })]);
  });
});

describe('the card validator', () => {
  it('reports an element type that Adaptive Cards does not have', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] })).not.toEqual(
      [],
    );
  });
});
