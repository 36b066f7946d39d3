import { z } from 'zod';
import { GUID } from '../platform/guid.js';
import { stripInvisible } from '../platform/cards/escapeCardText.js';

/**
 * Teams ids are printable ASCII and well under 256 characters. Anything else could not go back
 * out in an HTTP header (x-ms-conversation-id) or fit a table key, so it is refused here.
 */
const id = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });

/** Longer display names are cut: they reach buttons, suggestion lists and other people's cards. */
const MAX_DISPLAY_NAME_LENGTH = 100;

/** A display name fit for a card: no direction overrides or control characters, at most 100 characters. */
const displayName = z
  .string()
  .max(1024)
  .transform((name) =>
    Array.from(stripInvisible(name).replace(/\s+/g, ' ').trim()).slice(0, MAX_DISPLAY_NAME_LENGTH).join('').trim(),
  );

/** Fields the SDK copies into its reply are checked for type: a wrong one would fail the reply, not the request. */
const channelAccount = z.looseObject({
  id,
  name: displayName.optional(),
  // Entra object ids are GUIDs: they become table keys, which anything much longer would not fit.
  aadObjectId: z.string().regex(GUID, { error: 'must be an Entra object id (a GUID)' }).optional(),
  role: z.string().max(32).optional(),
});

/**
 * The parts of a Bot Framework activity the bot relies on, checked before the SDK sees the body
 * so that a malformed request gets a 400 rather than an exception inside a turn.
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({
    id,
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
    isGroup: z.boolean().optional(),
    name: displayName.optional(),
    aadObjectId: z.string().max(128).optional(),
    role: z.string().max(32).optional(),
  }),
  locale: z.string().max(64).optional(),
  from: channelAccount,
  recipient: channelAccount,
  text: z.string().max(40_000).optional(),
  name: z.string().max(256).optional(),
  action: z.string().max(64).optional(),
  replyToId: id.optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(128) }).optional() }).optional(),
  membersAdded: z.array(channelAccount).max(1000).optional(),
  membersRemoved: z.array(channelAccount).max(1000).optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(256) }))
    .max(100)
    .optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(256) }))
    .max(50)
    .optional(),
  value: z.unknown().optional(),
});

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** The Entra tenant an activity comes from, as Teams states it. */
export function tenantIdOf(activity: IncomingActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}

/** A short description of what is wrong, naming fields but never echoing their values. */
export function describeProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
