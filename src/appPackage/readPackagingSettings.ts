import { z } from 'zod';
import { PackagingError } from './packagingError.js';
import { GUID } from '../platform/guid.js';

/** What the manifest template is filled with. None of it is secret. */
export interface PackagingSettings {
  botId: string;
  botDomain: string;
  teamsAppId: string;
  appVersion: string;
  developerName: string;
  developerWebsiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

export interface ReadPackagingSettingsResult {
  settings: PackagingSettings;
  /** One line per setting left at a stand-in value that must be replaced before a real upload. */
  warnings: string[];
}

/**
 * Stand-ins for the publisher's details, which are not public facts and so are never invented:
 * good enough to sideload in a test tenant, and the packaging command warns while any is used.
 */
export const STAND_IN_DEVELOPER = {
  DEVELOPER_NAME: 'Example NHS organisation',
  DEVELOPER_WEBSITE_URL: 'https://example.org/mso-network',
  PRIVACY_URL: 'https://example.org/mso-network/privacy',
  TERMS_URL: 'https://example.org/mso-network/terms',
} as const;

// A public DNS name: Teams only loads tabs and reaches bots over https on a real domain.
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
// Teams wants MAJOR.MINOR.PATCH and compares it on update.
const appVersion = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const text = (schema: z.ZodString) => z.preprocess(blankToUndefined, schema.optional());
const httpsUrl = text(
  z
    .string()
    .trim()
    .max(2048)
    .regex(/^https:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i, {
      message: 'must be an https:// URL',
    }),
);

const envSchema = z.object({
  MicrosoftAppId: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "is required: the bot's Entra app (client) id" })
      .trim()
      .regex(GUID, { message: "must be a GUID (the bot's Entra app id)" }),
  ),
  BOT_DOMAIN: z.preprocess(
    blankToUndefined,
    z
      .string({
        error: 'is required: the host name the bot and its tab are served from, such as mso-bot.azurewebsites.net',
      })
      .trim()
      .regex(hostName, {
        message: 'must be a host name such as mso-bot.azurewebsites.net, without https:// or a path',
      }),
  ),
  TEAMS_APP_ID: text(z.string().trim().regex(GUID, { message: 'must be a GUID' })),
  APP_VERSION: text(z.string().trim().regex(appVersion, { message: 'must be MAJOR.MINOR.PATCH, such as 1.0.0' })),
  DEVELOPER_NAME: text(z.string().trim().max(32, { message: 'must be at most 32 characters' })),
  DEVELOPER_WEBSITE_URL: httpsUrl,
  PRIVACY_URL: httpsUrl,
  TERMS_URL: httpsUrl,
});

type StandInName = keyof typeof STAND_IN_DEVELOPER;

/**
 * Reads the packaging settings from an environment-like object (the packaging command passes
 * process.env). Throws a PackagingError that names every bad or missing setting.
 */
export function readPackagingSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { appVersion: string },
): ReadPackagingSettingsResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'environment';
      const value = env[name];
      const got = typeof value === 'string' && value.trim() !== '' ? ` (got "${value}")` : '';
      return `${name} ${issue.message}${got}`;
    });
    throw new PackagingError(`Invalid packaging settings: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (!appVersion.test(defaults.appVersion) && e.APP_VERSION === undefined) {
    throw new PackagingError(
      `Invalid packaging settings: APP_VERSION is not set and package.json's version "${defaults.appVersion}" is not MAJOR.MINOR.PATCH`,
    );
  }

  const warnings: string[] = [];
  const orStandIn = (name: StandInName, value: string | undefined): string => {
    if (value !== undefined) return value;
    warnings.push(
      `${name} is not set: using the stand-in "${STAND_IN_DEVELOPER[name]}"; set the real value before uploading to a real tenant`,
    );
    return STAND_IN_DEVELOPER[name];
  };

  return {
    settings: {
      botId: e.MicrosoftAppId.toLowerCase(),
      botDomain: e.BOT_DOMAIN.toLowerCase(),
      teamsAppId: (e.TEAMS_APP_ID ?? e.MicrosoftAppId).toLowerCase(),
      appVersion: e.APP_VERSION ?? defaults.appVersion,
      developerName: orStandIn('DEVELOPER_NAME', e.DEVELOPER_NAME),
      developerWebsiteUrl: orStandIn('DEVELOPER_WEBSITE_URL', e.DEVELOPER_WEBSITE_URL),
      privacyUrl: orStandIn('PRIVACY_URL', e.PRIVACY_URL),
      termsUrl: orStandIn('TERMS_URL', e.TERMS_URL),
    },
    warnings,
  };
}
