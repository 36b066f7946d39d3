import { requestIdFor } from '../buddyScheme.js';
import { resubmit } from '../decisions.js';
import { checkSignUp, readSignUpValues } from '../signUpForm.js';
import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { refreshCardCopies, requestCardFor, sendToLeads } from '../buddyNotices.js';
import { signUpCard } from '../buddyCards.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';

/**
 * The sign-up card submitted. Problems come back on the same card at their fields, with what was
 * typed kept; a valid request is stored (one per person and way in: a resubmit updates it), goes
 * to the leads, and the card turns into the request's status.
 */
export const submitBuddySignUp: CardAction = {
  verb: VERBS.submitBuddySignUp,
  async handle({ request: turn, deps, data }) {
    const { directory, storage } = deps;
    const values = readSignUpValues(data);
    const checked = checkSignUp(values);
    if (!checked.ok) return { kind: 'card', card: signUpCard(directory, values, checked.errors) };

    const { organisationText, region: chosenRegion, ...signUp } = checked.signUp;
    let organisation;
    if (organisationText) {
      const lookup = directory.organisations.find(organisationText);
      if (lookup.kind !== 'found') {
        const problem =
          lookup.kind === 'ambiguous'
            ? `“${escapeCardText(organisationText, 80)}” fits several organisations, such as ${lookup.choices
                .slice(0, 3)
                .map((choice) => choice.name)
                .join('; ')}. Type the full name or its ODS code.`
            : `I could not find “${escapeCardText(organisationText, 80)}”. Check the spelling, try its ODS code, or leave it empty and choose your region.`;
        return { kind: 'card', card: signUpCard(directory, values, { organisation: problem }) };
      }
      organisation = lookup.organisation;
    }
    const region = organisation?.region ?? chosenRegion;
    if (!region)
      return { kind: 'card', card: signUpCard(directory, values, { region: 'Choose your NHS England region.' }) };

    const userId = turn.person.id;
    const id = requestIdFor(await storage.buddyRequests.personTokenFor(userId), signUp.wayIn);
    const at = new Date();
    const now = at.toISOString();
    const existing = await storage.buddyRequests.get(id);
    const fresh = {
      ...signUp,
      region,
      organisationCode: organisation?.code,
      id,
      userId,
      name: turn.person.name || 'An MSO',
    };
    const outcome = resubmit(existing?.request, fresh, at);
    if (outcome.kind === 'alreadyDecided') {
      const card = await requestCardFor(
        deps,
        outcome.request,
        'applicant',
        'You are already in the scheme this way; this request has been decided.',
      );
      return { kind: 'card', card };
    }
    const { request } = outcome;
    const resubmitted = outcome.kind === 'updated';
    // A resubmit keeps the leads' card copies (and updates them); a new request gets new ones.
    const copies = resubmitted && existing ? existing.cardCopies : [];
    const stored = existing
      ? await storage.buddyRequests.replace(request, existing.etag, copies)
      : await storage.buddyRequests.create(request);
    if (!stored) {
      // Sent twice at once (a double click): the other submission was stored; show that one.
      const current = await storage.buddyRequests.get(id);
      if (current)
        return {
          kind: 'card',
          card: await requestCardFor(deps, current.request, 'applicant', 'Your request has been received.'),
        };
      return {
        kind: 'error',
        status: 409,
        code: 'Conflict',
        message: 'Your request changed while it was being saved. Please send it again.',
      };
    }
    await storage.audit.record({
      at: now,
      actor: userId,
      action: 'buddy.signUp',
      subject: id,
      related: undefined,
      detail: { kind: resubmitted ? 'updated' : 'new' },
    });
    if (resubmitted)
      await refreshCardCopies(
        deps,
        request,
        copies.filter((copy) => copy.activityId !== turn.replyToId),
      );
    // The card clicked becomes the applicant's status card: remember it, so decisions update it too.
    const ownCard = turn.replyToId;
    if (ownCard && !copies.some((copy) => copy.activityId === ownCard)) {
      await storage.buddyRequests.addCardCopies(id, [
        {
          reference: turn.conversation.reference,
          activityId: ownCard,
          viewer: 'applicant',
        },
      ]);
    }
    const leads = resubmitted ? 0 : await sendToLeads(deps, request);
    deps.logger.info(
      { requestId: id, wayIn: request.wayIn, outcome: resubmitted ? 'updated' : 'created', leadsTold: leads },
      'buddy sign-up',
    );
    const message = resubmitted
      ? 'Your request has been updated.'
      : 'Thank you: your request is with the national MSO network lead.';
    return { kind: 'card', card: await requestCardFor(deps, request, 'applicant', message) };
  },
};
