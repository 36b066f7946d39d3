import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';

/** Where the tables live: a connection string (Azurite, account keys) or an account URL (managed identity). */
export type TableEndpoint =
  { kind: 'connectionString'; connectionString: string } | { kind: 'accountUrl'; accountUrl: string };

export type TableClientFactory = (tableName: string) => TableClient;

/**
 * Fewer and shorter retries than the SDK's default (about 6 s when storage is down): a turn
 * should apologise within Teams' time limit rather than hang, and the reminder job retries
 * on its next tick anyway.
 */
const retryOptions = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 };

export function createTableClientFactory(endpoint: TableEndpoint): TableClientFactory {
  if (endpoint.kind === 'connectionString') {
    const allowInsecureConnection = /TableEndpoint=http:|UseDevelopmentStorage=true/i.test(endpoint.connectionString);
    return (tableName) =>
      TableClient.fromConnectionString(endpoint.connectionString, tableName, { allowInsecureConnection, retryOptions });
  }
  const credential = new DefaultAzureCredential();
  return (tableName) => new TableClient(endpoint.accountUrl, tableName, credential, { retryOptions });
}
