import type { TableClient } from '@azure/data-tables';
import { newPersonToken, type BuddyRequest } from './buddyScheme.js';
import type { Pairing } from './pairings.js';
import { isConflict, isNotFound } from '../../platform/storage/tableErrors.js';
import { toTableKey } from '../../platform/storage/tableKeys.js';
import { conversationOf, RequestRows, type CardCopy, type StoredRequest } from '../../platform/storage/requestRows.js';

/** A copy of a request's card: the applicant's own, the region's lead's read-only copy, or (no viewer) a lead's. */
export type BuddyCardCopy = CardCopy<'applicant' | 'regional'>;

export type StoredBuddyRequest = StoredRequest<BuddyRequest, BuddyCardCopy>;

/** person (table key of their id) -> their random token, the person part of their request ids. */
const PERSONS = 'person';

/**
 * Table `BuddyRequests`: one row per person and way in (status, way in and applicant are columns
 * for lists), and beside them each applicant's random id token.
 */
export class BuddyRequests extends RequestRows<BuddyRequest, BuddyCardCopy, 'status' | 'wayIn' | 'userId'> {
  constructor(table: TableClient) {
    super(table, ({ status, wayIn, userId }) => ({ status, wayIn, userId }));
  }

  /** The person's token for request ids, made on first use (two at once agree on one). */
  async personTokenFor(userId: string): Promise<string> {
    const rowKey = toTableKey(userId);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        return (await this.table.getEntity<{ token: string }>(PERSONS, rowKey)).token;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      const token = newPersonToken();
      try {
        await this.table.createEntity({ partitionKey: PERSONS, rowKey, token });
        return token;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error('A person token could not be read or made');
  }

  /** Erasure: the token goes, so nothing links the person's id to their former requests. */
  async forgetPersonToken(userId: string): Promise<void> {
    await this.table.deleteEntity(PERSONS, toTableKey(userId)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /**
   * Erasure: other people's requests that mention the person (a lead's decision, a pairing, a
   * card copy in their chat) keep the request but lose the person's ids and name. Fields are
   * compared whole: an id that begins with the person's id is somebody else's.
   */
  async forgetPerson(ids: ReadonlySet<string>, pseudonym: string): Promise<void> {
    const copyNamesPerson = (copy: BuddyCardCopy) => {
      const { user } = copy.reference as { user?: { id?: unknown; aadObjectId?: unknown } };
      return [user?.id, user?.aadObjectId, conversationOf(copy)].some((id) => typeof id === 'string' && ids.has(id));
    };
    const pairingNamesPerson = (pairing: Pairing) =>
      ids.has(pairing.mentorRequestId) || (pairing.ended !== undefined && ids.has(pairing.ended.actorId));
    const mentions = ({ request, cardCopies }: StoredBuddyRequest) =>
      (request.decision !== undefined && ids.has(request.decision.by)) ||
      request.pairedWith.some((id) => ids.has(id)) ||
      (request.pairings ?? []).some(pairingNamesPerson) ||
      cardCopies.some(copyNamesPerson);
    // A pairing with the person keeps its dates and the other side's answers; the person's own
    // answers and notes go, and their ids become the pseudonym.
    const forgetIn = (pairing: Pairing): Pairing =>
      ids.has(pairing.mentorRequestId)
        ? {
            ...pairing,
            mentorRequestId: pseudonym,
            checkIns: pairing.checkIns.map(({ answers: { mentor: _erased, ...kept }, ...checkIn }) => ({
              ...checkIn,
              answers: kept,
            })),
            ended: pairing.ended && {
              ...pairing.ended,
              actorId: ids.has(pairing.ended.actorId) ? pseudonym : pairing.ended.actorId,
              reason: pairing.ended.by === 'mentor' ? '' : pairing.ended.reason,
            },
          }
        : pairing.ended && ids.has(pairing.ended.actorId)
          ? { ...pairing, ended: { ...pairing.ended, actorId: pseudonym } }
          : pairing;
    await this.rewriteWhere(mentions, ({ request, cardCopies }) => ({
      request: {
        ...request,
        decision:
          request.decision && ids.has(request.decision.by)
            ? { ...request.decision, by: pseudonym, byName: 'A lead' }
            : request.decision,
        pairedWith: request.pairedWith.filter((pairedId) => !ids.has(pairedId)),
        ...(request.pairings ? { pairings: request.pairings.map(forgetIn) } : {}),
      },
      cardCopies: cardCopies.filter((copy) => !copyNamesPerson(copy)),
    }));
  }
}
