import { z } from 'zod';
import { INTENTS } from '../../questions/intents.js';
import { saveProfileAndAnswer } from '../intents.js';
import { savedWorkplace } from '../workplace.js';
import { VERBS } from '../../verbs.js';
import { refuse, type CardAction } from '../../cardAction.js';

const data = z.object({
  code: z.string().regex(/^[A-Za-z0-9]{3,5}$/),
  then: z.enum(INTENTS).catch('regionalNetwork'),
});

/**
 * An organisation chosen on a card ("Which of these do you mean?", *Make this my organisation*):
 * saved, then answered in place.
 */
export const chooseOrganisation: CardAction = {
  verb: VERBS.chooseOrganisation,
  async handle({ request, deps, data: raw }) {
    const parsed = data.safeParse(raw);
    const organisation = parsed.success ? deps.directory.organisations.byCode(parsed.data.code) : undefined;
    if (!parsed.success || !organisation) {
      return refuse.badRequest('That organisation is not one I know. Type where you work instead.');
    }
    const place = { organisation, region: organisation.region };
    const previous = await savedWorkplace(deps, request.person.id);
    const card = await saveProfileAndAnswer(deps, request.person.id, place, parsed.data.then, previous);
    return { kind: 'card', card };
  },
};
