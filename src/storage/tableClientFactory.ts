import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';

/** Where the tables live: a connection string (Azurite, account keys) or an account URL (managed identity). */
export type TableEndpoint =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; accountUrl: string };

export type TableClientFactory = (tableName: string) => TableClient;

export function createTableClientFactory(endpoint: TableEndpoint): TableClientFactory {
  if (endpoint.kind === 'connectionString') {
    const allowInsecureConnection = /TableEndpoint=http:|UseDevelopmentStorage=true/i.test(endpoint.connectionString);
    return (tableName) => TableClient.fromConnectionString(endpoint.connectionString, tableName, { allowInsecureConnection });
  }
  const credential = new DefaultAzureCredential();
  return (tableName) => new TableClient(endpoint.accountUrl, tableName, credential);
}
