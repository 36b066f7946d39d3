import { z } from 'zod';
import { escapeCardText } from '../../../platform/cards/escapeCardText.js';
import { REGION_CODES } from '../referenceData.js';
import { INTENTS } from '../../questions/intents.js';
import { saveProfileAndAnswer } from '../intents.js';
import { describeWorkplace, savedWorkplace } from '../workplace.js';
import { organisationFormCard } from '../organisationFormCard.js';
import { VERBS } from '../../verbs.js';
import type { CardAction } from '../../cardAction.js';

const MAX_ORGANISATION_CHARS = 200;

/** The form's inputs as Teams sends them: absent or empty when left blank. */
const data = z.object({
  organisation: z.string().optional().catch(undefined),
  region: z.string().optional().catch(undefined),
  then: z.enum(INTENTS).catch('regionalNetwork'),
});

/**
 * "Where do you work?" submitted: a name that matches one organisation, or a region, is saved
 * and the question answered in place; anything else comes back on the same card with what to fix.
 */
export const saveOrganisation: CardAction = {
  verb: VERBS.saveOrganisation,
  async handle({ request, deps, data: raw }) {
    const { reference, organisations } = deps.directory;
    const parsed = data.parse(raw);
    const typed = (parsed.organisation ?? '').trim();
    const regionInput = (parsed.region ?? '').trim();
    const region = REGION_CODES.find((code) => code === regionInput);
    const saved = await savedWorkplace(deps, request.person.id);
    const form = (fix: {
      organisationError?: string;
      regionError?: string;
      message?: string;
      choices?: Parameters<typeof organisationFormCard>[1]['choices'];
    }) => ({
      kind: 'card' as const,
      card: organisationFormCard(reference, {
        organisation: typed.slice(0, MAX_ORGANISATION_CHARS),
        region: region ?? '',
        then: parsed.then,
        savedNow: saved && describeWorkplace(deps, saved),
        ...fix,
      }),
    });

    if (regionInput && !region)
      return form({ regionError: 'Choose one of the seven NHS England regions from the list.' });
    if (typed.length > MAX_ORGANISATION_CHARS) {
      return form({
        organisationError: `Keep the name under ${MAX_ORGANISATION_CHARS} characters: the trust or ICB name, a short form or its ODS code.`,
      });
    }
    if (!typed && !region) return form({ organisationError: 'Type your trust or ICB, or choose your region.' });
    // From here: a name was typed, or a region chosen, or both.

    if (typed) {
      const lookup = organisations.find(typed);
      if (lookup.kind === 'found') {
        return {
          kind: 'card',
          card: await saveProfileAndAnswer(
            deps,
            request.person.id,
            { organisation: lookup.organisation, region: lookup.organisation.region },
            parsed.then,
            saved,
          ),
        };
      }
      if (lookup.kind === 'ambiguous') return form({ message: 'Which of these do you mean?', choices: lookup.choices });
    }
    if (!region) {
      return form({
        organisationError: `I could not find “${escapeCardText(typed, 80)}”. Check the spelling, try its short form or ODS code, or choose your region instead.`,
      });
    }
    const place = { organisation: undefined, region };
    return { kind: 'card', card: await saveProfileAndAnswer(deps, request.person.id, place, parsed.then, saved) };
  },
};
