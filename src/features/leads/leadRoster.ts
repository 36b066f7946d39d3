import type { TableClient } from '@azure/data-tables';
import { isConflict, isNotFound, succeeds } from '../../platform/storage/tableErrors.js';
import { toTableKey, fromTableKey } from '../../platform/storage/tableKeys.js';

/** A deputy added from Teams: who, and who added them when. */
export interface AddedLead {
  /** Entra object id, lower case. */
  id: string;
  /** Their name when they were added, if the bot knew it. */
  name: string | undefined;
  addedBy: string;
  addedAt: string;
}

interface LeadEntity {
  partitionKey: string;
  rowKey: string;
  name: string;
  addedBy: string;
  addedAt: string;
}

const PARTITION = 'lead';

/** Table `Roles`: the leads added from Teams, one row each. Owners come from config and are not here. */
export class LeadRoster {
  constructor(private readonly table: TableClient) {}

  async has(id: string): Promise<boolean> {
    return succeeds(() => this.table.getEntity(PARTITION, toTableKey(id.toLowerCase())), isNotFound);
  }

  async list(): Promise<AddedLead[]> {
    const leads: AddedLead[] = [];
    for await (const entity of this.table.listEntities<LeadEntity>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}'` },
    })) {
      if (entity.partitionKey !== PARTITION) continue;
      leads.push({
        id: fromTableKey(entity.rowKey),
        name: entity.name || undefined,
        addedBy: entity.addedBy,
        addedAt: entity.addedAt,
      });
    }
    return leads.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  /** False when they were already a lead. */
  async add(lead: AddedLead): Promise<boolean> {
    const entity: LeadEntity = {
      partitionKey: PARTITION,
      rowKey: toTableKey(lead.id.toLowerCase()),
      name: lead.name ?? '',
      addedBy: lead.addedBy,
      addedAt: lead.addedAt,
    };
    return succeeds(() => this.table.createEntity(entity), isConflict);
  }

  /** False when they were not a lead (another lead removed them first). */
  async remove(id: string): Promise<boolean> {
    return succeeds(() => this.table.deleteEntity(PARTITION, toTableKey(id.toLowerCase())), isNotFound);
  }

  /** Erasure: the person's row goes; rows they added keep the row with the pseudonym as who added it. */
  async forget(ids: ReadonlySet<string>, pseudonym: string): Promise<void> {
    for (const lead of await this.list()) {
      if (ids.has(lead.id)) await this.remove(lead.id);
      else if (ids.has(lead.addedBy))
        await this.table.updateEntity(
          { partitionKey: PARTITION, rowKey: toTableKey(lead.id), addedBy: pseudonym },
          'Merge',
        );
    }
  }
}
