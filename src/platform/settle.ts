import { errorSummary } from './errorSummary.js';
import type { Logger } from './logger.js';

/**
 * Runs a step that follows a change already stored (telling people, updating cards): its failure
 * is logged with `fields` under `message`, never turned into an error for whoever made the change.
 */
export async function settle(
  logger: Logger,
  fields: Record<string, unknown>,
  message: string,
  step: () => Promise<unknown>,
): Promise<void> {
  try {
    await step();
  } catch (error) {
    logger.error({ ...fields, outcome: 'follow_up_failed', error: errorSummary(error) }, message);
  }
}
