import { z } from 'zod';
import { isHttpsUrl } from '../../platform/httpsUrl.js';
import type { Announcement, Audience } from '../broadcast/broadcast.js';
import { REGION_CODES, type RegionCode } from '../directory/referenceData.js';
import type { Sender } from './senders.js';

export const TITLE_MAX = 80;
export const TEXT_MAX = 2000;
export const BUTTON_TITLE_MAX = 40;
export const BUTTON_URL_MAX = 500;

/** What the form holds, as typed. */
export interface AnnouncementValues {
  title: string;
  text: string;
  buttonTitle: string;
  buttonUrl: string;
  /** 'everyone', 'region' or 'channels'. */
  audience: string;
  region: string;
}

export type AnnouncementErrors = Partial<Record<keyof AnnouncementValues, string>>;

/** Longer than any field may be, so that what was typed comes back with its error, not lost; cut only past this. */
const KEPT_MAX = 10_000;
const text = z
  .string()
  .transform((typed) => typed.slice(0, KEPT_MAX))
  .catch('');

/** The form's inputs from a card's data; anything missing or not text reads as empty. */
export function readAnnouncementValues(raw: Readonly<Record<string, unknown>>): AnnouncementValues {
  const read = (key: keyof AnnouncementValues) => text.parse(raw[key]);
  return {
    title: read('title'),
    text: read('text'),
    buttonTitle: read('buttonTitle'),
    buttonUrl: read('buttonUrl'),
    audience: read('audience'),
    region: read('region'),
  };
}

const isRegion = (code: string): code is RegionCode => (REGION_CODES as readonly string[]).includes(code);

function audienceOf(values: AnnouncementValues, sender: Sender): Audience | string {
  // A regional lead's announcements go to their own region, whatever a card says.
  if (sender.role === 'regional') return { to: 'region', region: sender.region };
  switch (values.audience) {
    case 'everyone':
      return { to: 'everyone' };
    case 'channels':
      return { to: 'channels' };
    case 'region':
      return isRegion(values.region) ? { to: 'region', region: values.region } : 'Choose the region.';
    default:
      return 'Choose who gets it.';
  }
}

/** The announcement, or what to fix at each field. */
export function checkAnnouncement(
  values: AnnouncementValues,
  sender: Sender,
): { ok: true; announcement: Announcement } | { ok: false; errors: AnnouncementErrors } {
  const errors: AnnouncementErrors = {};
  const title = values.title.trim();
  const body = values.text.replace(/\r\n/g, '\n').trim();
  const buttonTitle = values.buttonTitle.trim();
  const buttonUrl = values.buttonUrl.trim();
  if (title.length < 3) errors.title = 'Give a title of at least 3 characters.';
  else if (title.length > TITLE_MAX)
    errors.title = `Keep the title to ${String(TITLE_MAX)} characters (it has ${String(title.length)}).`;
  if (!body) errors.text = 'Write the message.';
  else if (body.length > TEXT_MAX)
    errors.text = `Keep the message to ${String(TEXT_MAX)} characters (it has ${String(body.length)}).`;
  if (buttonTitle && !buttonUrl) errors.buttonUrl = 'Give the address the button opens, or clear its title.';
  else if (buttonUrl.length > BUTTON_URL_MAX)
    errors.buttonUrl = `Keep the address to ${String(BUTTON_URL_MAX)} characters.`;
  else if (buttonUrl && !isHttpsUrl(buttonUrl)) errors.buttonUrl = 'Give an address starting https://';
  if (buttonUrl && !buttonTitle) errors.buttonTitle = 'Give the button a title, such as "Read more".';
  else if (buttonTitle.length > BUTTON_TITLE_MAX)
    errors.buttonTitle = `Keep the button title to ${String(BUTTON_TITLE_MAX)} characters (it has ${String(buttonTitle.length)}).`;
  const audience = audienceOf(values, sender);
  if (typeof audience === 'string') errors[values.audience === 'region' ? 'region' : 'audience'] = audience;
  if (Object.keys(errors).length > 0 || typeof audience === 'string') return { ok: false, errors };
  return {
    ok: true,
    announcement: {
      title,
      text: body,
      button: buttonUrl ? { title: buttonTitle, url: buttonUrl } : undefined,
      audience,
    },
  };
}

/** The form's values for an announcement (to change it before it is sent). */
export function valuesOfAnnouncement(announcement: Announcement): AnnouncementValues {
  return {
    title: announcement.title,
    text: announcement.text,
    buttonTitle: announcement.button?.title ?? '',
    buttonUrl: announcement.button?.url ?? '',
    audience: announcement.audience.to,
    region: announcement.audience.to === 'region' ? announcement.audience.region : '',
  };
}
