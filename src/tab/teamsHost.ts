import { app } from '@microsoft/teams-js';
import type { Theme } from './theme.js';
import { asTheme } from './theme.js';

/** What the tab takes from Teams: nothing outside Teams. */
export interface HostContext {
  inTeams: boolean;
  theme?: Theme;
  locale?: string;
}

/**
 * Outside Teams `app.initialize()` rejects at once (no parent window) or, inside some other
 * frame, never settles: the tab waits at most this long before it stays with its own theme.
 */
export const TEAMS_INIT_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      reject(new Error('timed out'));
    }, ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error('failed'));
      },
    );
  });
}

/** Connects to Teams when the page runs inside it; never throws. */
export async function connectToTeams(onThemeChange: (theme: Theme) => void): Promise<HostContext> {
  try {
    await withTimeout(app.initialize(), TEAMS_INIT_TIMEOUT_MS);
    const context = await withTimeout(app.getContext(), TEAMS_INIT_TIMEOUT_MS);
    app.registerOnThemeChangeHandler((theme) => {
      const known = asTheme(theme);
      onThemeChange(known ?? 'default');
    });
    return { inTeams: true, theme: asTheme(context.app.theme) ?? 'default', locale: context.app.locale };
  } catch {
    return { inTeams: false };
  }
}

/** Tells Teams the tab has loaded (hides its loading indicator when the manifest asks for one). */
export function notifyLoaded(host: HostContext): void {
  if (!host.inTeams) return;
  // Hosts without a loading indicator have nothing to hide.
  app.notifySuccess().catch(() => undefined);
}

/**
 * Inside Teams a chat deep link must go through the host, or it opens in the tab's own frame;
 * outside Teams the browser follows it as an ordinary link.
 */
export function openTeamsLink(host: HostContext, url: string): boolean {
  if (!host.inTeams) return false;
  app.openLink(url).catch(() => {
    window.open(url, '_blank', 'noopener');
  });
  return true;
}
