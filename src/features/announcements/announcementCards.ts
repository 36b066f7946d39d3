import { randomBytes } from 'node:crypto';
import { formatFullUkDateTime, formatUkDate } from '../../platform/ukDateTime.js';
import { escapeCardParagraphs, escapeCardText } from '../../platform/cards/escapeCardText.js';
import { registerCardTemplates, renderCard, type AdaptiveCardJson } from '../../platform/cards/renderCard.js';
import { answerCard } from '../answerCard.js';
import type { Announcement, AnnouncementBroadcast, Audience } from '../broadcast/broadcast.js';
import type { BotDeps } from '../botDeps.js';
import type { RegionCode } from '../directory/referenceData.js';
import { VERBS } from '../verbs.js';
import type { AnnouncementErrors, AnnouncementValues } from './announcementForm.js';
import type { AudienceCount } from './audience.js';
import { readLines, type Reads } from '../broadcast/readReceipts.js';
import type { Sender } from './senders.js';

declare module '../../platform/cards/renderCard.js' {
  interface CardData {
    announcementForm: {
      message: string;
      messageColour: 'Attention' | 'Good' | 'Default';
      broadcastId: string;
      values: AnnouncementValues;
      errors: Record<keyof AnnouncementValues, string>;
      /** False for a regional lead: the audience is their region, shown as a line. */
      national: boolean;
      everyone: string;
      channels: string;
      regions: readonly { code: string; name: string; count: string }[];
      ownRegion: string;
      ownRegionCount: string;
      leftOut: string;
      verbs: { preview: string; review: string };
    };
    announcementConfirm: {
      heading: string;
      paragraphs: readonly string[];
      facts: readonly { title: string; value: string }[];
      confirmable: boolean;
      recipients: string;
      /** The announcement as typed, with its id: sent again by either button. */
      data: Readonly<Record<string, string>>;
      verbs: { send: string; edit: string };
    };
    announcementList: {
      message: string;
      announcements: readonly { title: string; summary: string }[];
      choices: readonly { id: string; title: string }[];
      verbs: { create: string; report: string; withdraw: string };
    };
  }
}

registerCardTemplates('announcements', ['announcementForm', 'announcementConfirm', 'announcementList']);

/** An announcement's broadcast id, made when its form is shown, so that a double click sends one. */
export function newAnnouncementId(): string {
  return `m${randomBytes(8).toString('hex')}`;
}
export const ANNOUNCEMENT_ID_PATTERN = /^m[0-9a-f]{16}$/;

const people = (count: number) => `${String(count)} ${count === 1 ? 'chat' : 'chats'}`;

/** How many each audience reaches now, for the form. */
export interface AudienceSizes {
  everyone: number;
  channels: number;
  regions: ReadonlyMap<RegionCode, number>;
  /** Subscribed MSOs with no saved organisation or region: left out of any one region's announcement. */
  noneSaved: number;
}

export interface AnnouncementFormOptions {
  broadcastId: string;
  values: AnnouncementValues;
  errors?: AnnouncementErrors;
  message?: string;
  sender: Sender;
  sizes: AudienceSizes;
}

/** The form a lead writes an announcement on; problems come back at their fields with what was typed kept. */
export function announcementFormCard(
  deps: Pick<BotDeps, 'directory'>,
  { broadcastId, values, errors = {}, message, sender, sizes }: AnnouncementFormOptions,
): AdaptiveCardJson {
  const regions = deps.directory.reference.regions.map((region) => ({
    code: region.code,
    name: region.name,
    count: people(sizes.regions.get(region.code) ?? 0),
  }));
  const own = sender.role === 'regional' ? deps.directory.reference.region(sender.region) : undefined;
  const hasErrors = Object.keys(errors).length > 0;
  return renderCard('announcementForm', {
    message: message ?? (hasErrors ? 'Some answers need changing: see below.' : ''),
    messageColour: hasErrors ? 'Attention' : 'Default',
    broadcastId,
    values,
    errors: {
      title: errors.title ?? '',
      text: errors.text ?? '',
      buttonTitle: errors.buttonTitle ?? '',
      buttonUrl: errors.buttonUrl ?? '',
      audience: errors.audience ?? '',
      region: errors.region ?? '',
    },
    national: sender.role === 'national',
    everyone: people(sizes.everyone),
    channels: people(sizes.channels),
    regions,
    ownRegion: own?.name ?? '',
    ownRegionCount: people(own ? (sizes.regions.get(own.code) ?? 0) : 0),
    leftOut:
      sizes.noneSaved === 0
        ? 'Every subscribed MSO has saved where they work, so a regional announcement leaves nobody out.'
        : `${people(sizes.noneSaved)} of MSOs with no saved organisation or region would be left out of a regional announcement (they can type "change my organisation").`,
    verbs: { preview: VERBS.previewAnnouncement, review: VERBS.reviewAnnouncement },
  });
}

/** "everyone subscribed", "the MSOs of North West", "channels and group chats". */
export function describeAudience(deps: Pick<BotDeps, 'directory'>, audience: Audience): string {
  switch (audience.to) {
    case 'everyone':
      return 'everyone subscribed';
    case 'channels':
      return 'channels and group chats';
    case 'region':
      return `the MSOs of ${deps.directory.reference.region(audience.region).name}`;
  }
}

/** Who it is from, as recipients read it. */
function fromWhom(deps: Pick<BotDeps, 'directory'>, region: RegionCode | undefined): string {
  return region
    ? `the ${deps.directory.reference.region(region).name} MSO network lead`
    : 'the national MSO network lead';
}

/** Send…: what will go, to how many, and who is left out; Send to N, or Change it. */
export function announcementConfirmCard(
  deps: Pick<BotDeps, 'directory'>,
  options: {
    broadcastId: string;
    values: AnnouncementValues;
    announcement: Announcement;
    count: AudienceCount;
    /** Shown once sent, or when it cannot be. */
    done?: string;
  },
): AdaptiveCardJson {
  const { announcement, count, done } = options;
  const leftOut =
    announcement.audience.to === 'region' && count.leftOut > 0
      ? [
          `${people(count.leftOut)} of MSOs with no saved organisation or region ${count.leftOut === 1 ? 'is' : 'are'} left out (your own chat counts, if you have not saved yours).`,
        ]
      : [];
  return renderCard('announcementConfirm', {
    heading: done ? 'Announcement on its way' : 'Send this announcement?',
    paragraphs: done
      ? [done]
      : count.recipients === 0
        ? [
            'Nobody is in this audience yet, so there is nothing to send. Press "Change it" to choose another audience: what you wrote is kept.',
          ]
        : [
            'It goes out within Teams’ limits. You get a report when every chat and channel has been tried, and you can withdraw it from "announcements".',
            ...leftOut,
          ],
    facts: [
      { title: 'Title', value: escapeCardText(announcement.title, 80) },
      { title: 'To', value: describeAudience(deps, announcement.audience) },
      { title: 'Recipients now', value: people(count.recipients) },
    ],
    confirmable: !done && count.recipients > 0,
    recipients: people(count.recipients),
    data: { broadcastId: options.broadcastId, ...options.values },
    verbs: { send: VERBS.sendAnnouncement, edit: VERBS.editAnnouncement },
  });
}

/** The announcement as every recipient sees it (and the lead's preview). */
export function announcementCard(
  deps: Pick<BotDeps, 'directory'>,
  announcement: Announcement,
  sent: { at: Date; fromRegion: RegionCode | undefined; preview?: boolean },
): AdaptiveCardJson {
  return answerCard({
    title: escapeCardText(announcement.title, 80),
    // One paragraph per line: Teams runs single line breaks in a text block together.
    paragraphs: escapeCardParagraphs(announcement.text)
      .split('\n')
      .filter((line) => line.trim() !== ''),
    links: announcement.button
      ? [{ title: escapeCardText(announcement.button.title, 40), url: announcement.button.url }]
      : [],
    source: deps.directory.network.source,
    note: `${sent.preview ? 'Preview, not sent: only you can see this. ' : ''}From ${fromWhom(deps, sent.fromRegion)}, ${formatUkDate(sent.at)}.`,
  });
}

/** What every copy of a withdrawn announcement becomes. */
export function withdrawnCard(
  deps: Pick<BotDeps, 'directory'>,
  withdrawn: { at: Date; title: string; byRegion: RegionCode | undefined },
): AdaptiveCardJson {
  return answerCard({
    title: withdrawn.title ? `Withdrawn: ${escapeCardText(withdrawn.title, 80)}` : 'Announcement withdrawn',
    paragraphs: [
      `Withdrawn by ${fromWhom(deps, withdrawn.byRegion)} on ${formatUkDate(withdrawn.at)}. Please disregard this announcement.`,
    ],
    source: deps.directory.network.source,
  });
}

/** The lead's report: the outcomes add up to the recipients it was planned for. */
export function announcementReportCard(
  deps: Pick<BotDeps, 'directory'>,
  broadcast: AnnouncementBroadcast,
  reads: Reads,
): AdaptiveCardJson {
  const { delivered, unreachable, failed } = broadcast.counts;
  const paragraphs = [
    `"${escapeCardText(broadcast.announcement.title, 80)}" to ${describeAudience(deps, broadcast.announcement.audience)}.`,
  ];
  if (broadcast.withdrawn)
    paragraphs.push(`Withdrawn on ${formatUkDate(broadcast.withdrawn.at)}: what had not gone out was not sent.`);
  if (unreachable > 0) paragraphs.push('Unreachable chats and channels have removed the bot.');
  if (failed > 0) paragraphs.push('Failed sends were tried several times; Teams kept refusing them.');
  paragraphs.push(...readLines(reads));
  return answerCard({
    title: 'Announcement report',
    paragraphs,
    actions: [
      { title: 'Show the latest reads', verb: VERBS.showAnnouncementReport, data: { broadcastId: broadcast.id } },
    ],
    facts: [
      {
        title: 'Recipients',
        value: String(broadcast.state === 'done' ? delivered + unreachable + failed : broadcast.total),
      },
      { title: 'Delivered', value: String(delivered) },
      { title: 'Unreachable', value: String(unreachable) },
      { title: 'Failed', value: String(failed) },
      ...(broadcast.finishedAt
        ? [{ title: 'Finished', value: `${formatFullUkDateTime(broadcast.finishedAt)} (UK time)` }]
        : [{ title: 'Status', value: 'still sending' }]),
    ],
    source: deps.directory.network.source,
    note: 'Counts are of chats and channels: a channel reaches everyone in it.',
  });
}

/** "announcements": the last 10, newest first, with their counts. */
export function announcementListCard(
  deps: Pick<BotDeps, 'directory'>,
  broadcasts: readonly AnnouncementBroadcast[],
  message = '',
): AdaptiveCardJson {
  const shown = broadcasts.slice(0, 10);
  return renderCard('announcementList', {
    message,
    announcements: shown.map((broadcast) => ({
      title: escapeCardText(broadcast.announcement.title, 80),
      summary: [
        `${formatUkDate(broadcast.createdAt)} to ${describeAudience(deps, broadcast.announcement.audience)}`,
        broadcast.state === 'done'
          ? `delivered to ${String(broadcast.counts.delivered)} of ${String(broadcast.total)}`
          : 'still sending',
        ...(broadcast.withdrawn ? [`withdrawn ${formatUkDate(broadcast.withdrawn.at)}`] : []),
      ].join('; '),
    })),
    choices: shown.map((broadcast) => ({
      id: broadcast.id,
      title: `${escapeCardText(broadcast.announcement.title, 60)} (${formatUkDate(broadcast.createdAt)}${broadcast.withdrawn ? ', withdrawn' : ''})`,
    })),
    verbs: {
      create: VERBS.newAnnouncement,
      report: VERBS.showAnnouncementReport,
      withdraw: VERBS.withdrawAnnouncement,
    },
  });
}
