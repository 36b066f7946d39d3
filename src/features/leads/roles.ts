import { GUID } from '../../platform/guid.js';
import type { LeadRoster } from './leadRoster.js';

/** How old the roster behind `showsAsLead` may be. */
const SHOWN_ROSTER_MS = 5000;

/**
 * Who may act as a lead, decided on the server from the caller's Entra object id on every action.
 * Owners come from config (`LEAD_AAD_OBJECT_IDS`) and can never be removed from Teams; the leads
 * they add are in table `Roles`, read on each check so that a removal counts at once on every instance.
 */
export class Roles {
  private shown: { ids: ReadonlySet<string>; at: number } | undefined;

  constructor(
    private readonly owners: ReadonlySet<string>,
    readonly roster: LeadRoster,
  ) {}

  isOwner(id: string | undefined): boolean {
    return id !== undefined && this.owners.has(id.toLowerCase());
  }

  async isLead(id: string | undefined): Promise<boolean> {
    if (id === undefined || id === '') return false;
    if (this.isOwner(id)) return true;
    // Only an Entra object id can be on the roster: anything else (a Teams id where Teams gave
    // no Entra id, or a forged value) is answered without a read that its length could fail.
    return GUID.test(id) && (await this.roster.has(id));
  }

  /**
   * For what a card shows (the lead commands on the help card), never for what a person may do:
   * the roster as read in the last few seconds, so the menu costs no storage read per message.
   * Every lead action still asks `isLead`.
   */
  async showsAsLead(id: string | undefined, now = Date.now()): Promise<boolean> {
    if (id === undefined || id === '') return false;
    if (this.isOwner(id)) return true;
    if (!GUID.test(id)) return false;
    if (!this.shown || now - this.shown.at > SHOWN_ROSTER_MS) {
      const ids = new Set((await this.roster.list()).map((lead) => lead.id));
      this.shown = { ids, at: now };
    }
    return this.shown.ids.has(id.toLowerCase());
  }

  ownerIds(): string[] {
    return [...this.owners];
  }

  /** Owners and added leads, once each. */
  async leadIds(): Promise<string[]> {
    const added = await this.roster.list();
    return [...new Set([...this.owners, ...added.map((lead) => lead.id)])];
  }
}
