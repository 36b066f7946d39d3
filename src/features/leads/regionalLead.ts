import type { NetworkDirectory } from '../directory/networkDirectory.js';
import type { RegionCode } from '../directory/referenceData.js';

/** The region whose directory entry names this person as its lead, if any (from the directory, never the card). */
export function regionLedBy(directory: NetworkDirectory, aadObjectId: string | undefined): RegionCode | undefined {
  if (!aadObjectId) return undefined;
  const id = aadObjectId.toLowerCase();
  return directory.regionalNetworks.find((network) => network.leadAadObjectId?.toLowerCase() === id)?.region;
}
