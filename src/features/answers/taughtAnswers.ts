/** A link under a taught answer. */
export interface TaughtLink {
  title: string;
  url: string;
}

/**
 * An answer the leads taught the bot: what MSOs see when a question matches it. It holds no
 * personal data (the editing card says so), only who last changed it, for the audit.
 */
export interface TaughtAnswer {
  id: string;
  /** 1 for a new answer, one more for each save. */
  version: number;
  title: string;
  text: string;
  links: TaughtLink[];
  /** Ways MSOs might ask for it; the title counts as one too. */
  examples: string[];
  updatedAt: string;
  /** Entra object id of the lead who saved this version. */
  updatedBy: string;
  updatedByName: string;
}
