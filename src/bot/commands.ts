/**
 * What a person can type to the bot. The help card lists these; the Teams manifest's command
 * lists are built from the same entries, so the two never disagree.
 */
export interface CommandInfo {
  /** What the person types; at most 32 characters (Teams' limit for a command title). */
  title: string;
  /** At most 128 characters (Teams' limit). */
  description: string;
}

export const COMMANDS = [
  { title: 'help', description: 'See what I can do' },
] as const satisfies readonly CommandInfo[];
