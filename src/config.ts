import { hostname } from 'node:os';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { GUID } from './platform/guid.js';
import { checkWebinarRule, EXAMPLE_WEBINAR_RULE, type WebinarSchedule } from './features/webinar/index.js';
import {
  DEFAULT_REMINDER_OFFSETS,
  parseReminderOffsets,
  type ReminderOffset,
} from './features/reminders/reminderPlan.js';
import { MAX_WEBINAR_MINUTES, MIN_WEBINAR_MINUTES } from './features/webinar/settingsForm.js';

/** The Playground's tenant and lead (see .m365agentsplayground.yml), used only in local mode. */
export const LOCAL_TENANT_ID = '00000000-0000-0000-0000-0000000000a1';
export const LOCAL_LEAD_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000c2';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const appTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalGuid = z.preprocess(
  blankToUndefined,
  z.string().trim().regex(GUID, { message: 'must be a GUID' }).optional(),
);

const webinarStart = /^(?:(\d{4}-\d{2}-\d{2})T)?([01]\d|2[0-3]):([0-5]\d)$/;
/** Teams allows 50 requests a second per app and tenant; the default keeps a margin below it. */
const DEFAULT_BROADCAST_RPS = 48;
const MAX_BROADCAST_RPS = 50;
const MIN_JOB_SECRET_LENGTH = 32;
/** Where the public Bot Framework publishes the keys its tokens are signed with. */
const BOT_FRAMEWORK_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** A whole number from `min` to `max` (with `unit` in the message, such as "minutes "), or `fallback` when unset. */
const wholeNumber = (min: number, max: number, fallback: number, unit = '') => {
  const message = `must be a whole number ${unit}from ${String(min)} to ${String(max)}`;
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,5}$/, { error: message })
      .transform(Number)
      .refine((value) => value >= min && value <= max, { error: message })
      .default(fallback),
  );
};

const guidList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? []
        : value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => GUID.test(id)), {
      message: 'must be a comma-separated list of GUIDs',
    })
    .transform((ids) => ids.map((id) => id.toLowerCase())),
);

const envSchema = z
  .object({
    PORT: wholeNumber(0, 65535, 3978),
    LOG_LEVEL: z.preprocess(
      blankToUndefined,
      z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
    ),
    MicrosoftAppId: optionalGuid,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.preprocess(
      blankToUndefined,
      z.enum(appTypes, { error: `must be one of ${appTypes.join(', ')}` }).default('MultiTenant'),
    ),
    MicrosoftAppTenantId: optionalGuid,
    // The SDK's own setting: where the Bot Framework publishes its signing keys (tests point it at a stand-in).
    BotOpenIdMetadata: z.preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/, error: 'must be the http(s) URL of an OpenID metadata document' })
        .default(BOT_FRAMEWORK_OPENID_METADATA_URL),
    ),
    TABLES_CONNECTION_STRING: optionalText,
    TABLES_ACCOUNT_URL: z.preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://<account>.table.core.windows.net' })
        .optional(),
    ),
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default('.data')),
    DIRECTORY_FILE: optionalText,
    ALLOW_UNAUTHENTICATED: z.preprocess(
      blankToUndefined,
      z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    ),
    ALLOWED_TENANT_IDS: guidList,
    LEAD_AAD_OBJECT_IDS: guidList,
    // No default rule: the webinar's day is the national lead's to set, never invented here.
    WEBINAR_RRULE: optionalText,
    WEBINAR_START: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(webinarStart, {
          error: 'must be a London time HH:MM (such as 13:00), or the first date and time YYYY-MM-DDTHH:MM',
        })
        .refine((value) => !value.includes('T') || DateTime.fromISO(value, { zone: 'Europe/London' }).isValid, {
          error: 'must be a real date',
        })
        .default('13:00'),
    ),
    WEBINAR_DURATION_MINUTES: wholeNumber(MIN_WEBINAR_MINUTES, MAX_WEBINAR_MINUTES, 60, 'of minutes '),
    WEBINAR_JOIN_URL: z.preprocess(
      blankToUndefined,
      z.url({ protocol: /^https$/, error: 'must be an https URL (the Teams meeting link)' }).optional(),
    ),
    WEBINAR_TOPIC: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(200, { error: 'must be at most 200 characters' })
        .regex(/^[^\r\n]*$/, { error: 'must be one line' })
        .optional(),
    ),
    BROADCAST_RPS: wholeNumber(1, MAX_BROADCAST_RPS, DEFAULT_BROADCAST_RPS, 'of sends per second '),
    REMINDER_OFFSETS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .optional()
        .transform((text, ctx): ReminderOffset[] => {
          if (text === undefined) return [...DEFAULT_REMINDER_OFFSETS];
          const parsed = parseReminderOffsets(text);
          if (parsed.ok) return parsed.offsets;
          ctx.addIssue({ code: 'custom', message: `${parsed.problem} (for example 7d,1h)` });
          return z.NEVER;
        }),
    ),
    REMINDER_JOB_SECRET: z.preprocess(
      blankToUndefined,
      z
        .string()
        .min(MIN_JOB_SECRET_LENGTH, {
          error: `must be at least ${String(MIN_JOB_SECRET_LENGTH)} characters (a random secret)`,
        })
        .optional(),
    ),
    REMINDER_TICK_SECONDS: wholeNumber(1, 3600, 60, 'of seconds '),
    // App Service names each instance; elsewhere host and port tell instances apart.
    WEBSITE_INSTANCE_ID: optionalText,
    INSTANCE_ID: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(100)
        .regex(/^[\w.:-]+$/, { error: 'must be letters, digits, . : _ or -' })
        .optional(),
    ),
    RETENTION_MONTHS: wholeNumber(1, 120, 12, 'of months '),
    BUDDY_CHECKIN_WEEKS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .default('4,13')
        .transform((text, ctx): number[] => {
          const weeks = text.split(',').map((part) => part.trim());
          if (weeks.every((week) => /^\d{1,2}$/.test(week) && Number(week) >= 1 && Number(week) <= 52)) {
            const sorted = [...new Set(weeks.map(Number))].sort((a, b) => a - b);
            if (sorted.length <= 6) return sorted;
          }
          ctx.addIssue({
            code: 'custom',
            message: 'must be up to 6 whole numbers of weeks from 1 to 52, separated by commas (for example 4,13)',
          });
          return z.NEVER;
        }),
    ),
    MESSAGES_PER_MINUTE: wholeNumber(1, 10_000, 10, 'of messages '),
    DIRECTORY_REFRESH_SECONDS: wholeNumber(1, 60, 5, 'of seconds '),
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
    PUBLIC_BASE_URL: z.preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/, error: "must be the bot's public https URL, such as https://mso-bot.example.org" })
        .refine((value) => !/[?#]/.test(value), { error: 'must be a plain base URL, without ? or #' })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    // Real storage without an app id would be a deployment with authentication forgotten.
    if (
      !env.MicrosoftAppId &&
      (env.TABLES_CONNECTION_STRING || env.TABLES_ACCOUNT_URL) &&
      env.ALLOW_UNAUTHENTICATED !== 'true'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message:
          'is required when table storage is configured (without it anyone could post activities); set ALLOW_UNAUTHENTICATED=true only for a test on this machine',
      });
    }
    if (env.TABLES_CONNECTION_STRING && env.TABLES_ACCOUNT_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['TABLES_ACCOUNT_URL'],
        message: 'set either TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, not both',
      });
    }
    if (env.WEBINAR_RRULE) {
      const [, firstDate] = webinarStart.exec(env.WEBINAR_START) ?? [];
      const rule = checkWebinarRule(env.WEBINAR_RRULE, firstDate);
      if (!rule.ok)
        ctx.addIssue({
          code: 'custom',
          path: ['WEBINAR_RRULE'],
          message: `${rule.problem}; for example ${EXAMPLE_WEBINAR_RULE}`,
        });
    }
    if (!env.MicrosoftAppId) return;
    if (env.PUBLIC_BASE_URL?.startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'must be an https URL outside local mode' });
    }
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: `is required when MicrosoftAppId is set and MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
  });

export type LogLevel = (typeof logLevels)[number];
export type BotAppType = (typeof appTypes)[number];

export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; accountUrl: string }
  | { kind: 'embedded'; dataDir: string };

/** The setting to look at when the storage it configures cannot be opened. */
export function storageSettingOf(storage: StorageConfig): string {
  switch (storage.kind) {
    case 'connectionString':
      return 'TABLES_CONNECTION_STRING';
    case 'accountUrl':
      return 'TABLES_ACCOUNT_URL and the app\u2019s managed identity (Storage Table Data Contributor)';
    case 'embedded':
      return 'DATA_DIR';
  }
}

export interface BotCredentials {
  appId: string;
  appPassword: string | undefined;
  appType: BotAppType;
  appTenantId: string | undefined;
  /** The OpenID metadata document that leads to the Bot Framework's signing keys. */
  openIdMetadataUrl: string;
}

export interface Config {
  port: number;
  logLevel: LogLevel;
  /** Undefined in local mode: requests are not authenticated. */
  botCredentials: BotCredentials | undefined;
  storage: StorageConfig;
  /** Undefined means every tenant is allowed. */
  allowedTenantIds: ReadonlySet<string> | undefined;
  leadAadObjectIds: ReadonlySet<string>;
  /** The network directory JSON; undefined means the shipped sample (fictional people). */
  directoryFile: string | undefined;
  /** The configured webinar schedule; undefined when WEBINAR_RRULE is not set (none is scheduled). */
  webinar: WebinarSchedule | undefined;
  /**
   * Where people reach this server (links in cards, such as the calendar file), without a trailing
   * slash. Local mode: http://localhost:PORT. Undefined outside local mode when not set.
   */
  publicBaseUrl: string | undefined;
  reminders: {
    /** Sends per second for a broadcast, across the tenant. */
    broadcastRps: number;
    /** Minutes before each webinar that a reminder goes out, longest first. */
    offsets: readonly ReminderOffset[];
    /** How often each instance looks for due reminders and unsent rows. */
    tickSeconds: number;
    /** Bearer secret for POST /api/jobs/reminders; undefined turns the route off. */
    jobSecret: string | undefined;
    /** Names this instance in the lease and in outbox claims; stable across restarts. */
    instanceId: string;
  };
  /** How often each instance checks for a directory a lead saved on another instance. */
  directoryRefreshSeconds: number;
  /** Messages one conversation may send in a minute; the first beyond is asked to slow down, the rest ignored. */
  messagesPerMinute: number;
  /** Declined and withdrawn buddy requests, and reminder delivery rows, are removed after this many months. */
  retentionMonths: number;
  /** Weeks after a match when each person of the pair gets a check-in card, in order. */
  buddyCheckInWeeks: number[];
  /** Application Insights (Azure Monitor) for traces and metrics; undefined: telemetry off. */
  applicationInsightsConnectionString: string | undefined;
  /** No app id and the embedded store: auth off, the Playground's lead, listening on this machine only. */
  localMode: boolean;
  /** Without credentials (nothing is authenticated) loopback only, whatever else is set; otherwise every interface (App Service). */
  host: string;
  /** ALLOW_UNAUTHENTICATED=true with configured storage: a test on this machine, said at start-up. */
  unauthenticatedTest: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; throws a ConfigError that names every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'environment';
      const got = typeof env[name] === 'string' ? ` (got "${redact(name, env[name])}")` : '';
      return `${name} ${issue.message}${got}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const localMode = !e.MicrosoftAppId && !e.TABLES_CONNECTION_STRING && !e.TABLES_ACCOUNT_URL;
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    botCredentials: e.MicrosoftAppId
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType,
          appTenantId: e.MicrosoftAppTenantId,
          openIdMetadataUrl: e.BotOpenIdMetadata,
        }
      : undefined,
    storage: e.TABLES_CONNECTION_STRING
      ? { kind: 'connectionString', connectionString: e.TABLES_CONNECTION_STRING }
      : e.TABLES_ACCOUNT_URL
        ? { kind: 'accountUrl', accountUrl: e.TABLES_ACCOUNT_URL }
        : { kind: 'embedded', dataDir: e.DATA_DIR },
    allowedTenantIds: e.ALLOWED_TENANT_IDS.length > 0 ? new Set(e.ALLOWED_TENANT_IDS) : undefined,
    leadAadObjectIds: new Set(
      e.LEAD_AAD_OBJECT_IDS.length > 0 || !localMode ? e.LEAD_AAD_OBJECT_IDS : [LOCAL_LEAD_AAD_OBJECT_ID],
    ),
    directoryFile: e.DIRECTORY_FILE,
    webinar: webinarScheduleOf(e),
    reminders: {
      broadcastRps: e.BROADCAST_RPS,
      offsets: e.REMINDER_OFFSETS,
      tickSeconds: e.REMINDER_TICK_SECONDS,
      jobSecret: e.REMINDER_JOB_SECRET,
      instanceId: e.INSTANCE_ID ?? e.WEBSITE_INSTANCE_ID ?? `${hostname()}:${String(e.PORT)}`,
    },
    retentionMonths: e.RETENTION_MONTHS,
    buddyCheckInWeeks: e.BUDDY_CHECKIN_WEEKS,
    messagesPerMinute: e.MESSAGES_PER_MINUTE,
    directoryRefreshSeconds: e.DIRECTORY_REFRESH_SECONDS,
    applicationInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? (localMode ? `http://localhost:${e.PORT}` : undefined),
    localMode,
    host: e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1',
    unauthenticatedTest: !e.MicrosoftAppId && !localMode,
  };
}

function webinarScheduleOf(e: z.infer<typeof envSchema>): WebinarSchedule | undefined {
  if (!e.WEBINAR_RRULE) return undefined;
  const [, firstDate, hour = '', minute = ''] = webinarStart.exec(e.WEBINAR_START) ?? [];
  return {
    rule: e.WEBINAR_RRULE,
    firstDate,
    startTime: `${hour}:${minute}`,
    durationMinutes: e.WEBINAR_DURATION_MINUTES,
    topic: e.WEBINAR_TOPIC,
    joinUrl: e.WEBINAR_JOIN_URL,
  };
}

function redact(name: string, value: string | undefined): string {
  return /password|connection_string|secret/i.test(name) ? '***' : String(value);
}
