import { beforeAll, describe, expect, it } from 'vitest';
import { statesWorkplace } from '../../../../src/features/directory/workplaceMention.js';
import { loadKnowledge, type Knowledge } from '../../../../src/knowledge.js';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await loadKnowledge();
});

const mention = (text: string) => knowledge.directory.analyse(text).workplace;

describe('telling where a person says they work from a question about somewhere else', () => {
  it.each([
    'I work at Leeds Teaching Hospitals',
    'i now work for RR8',
    "I'm working in the North West",
    "I'm the MSO at Leeds Teaching Hospitals",
    'I am a pharmacist at Leeds Teaching Hospitals',
    "I'm new at Leeds Teaching Hospitals",
    "I'm at RR8",
    'Im based in London',
    "I've moved to Manchester University NHS FT",
    "Actually I've just moved to the Norfolk and Norwich",
    'just started at Sheffield Teaching Hospitals',
    'I joined the Christie last month',
    'our trust is Manchester University NHS FT',
    'my organisation: RR8',
    'change my organisation to RR8',
    'update my trust to Leeds Teaching Hospitals',
    'my region is London',
  ])('reads %j as saying where they work', (text) => {
    expect(mention(text)).toBe('stated');
  });

  it.each([
    'who is the MSO at Leeds Teaching Hospitals?',
    'which region is RR8 in?',
    'who is the regional lead for Leeds Teaching Hospitals',
    'I am looking for the MSO at Leeds Teaching Hospitals',
    'Is Leeds Teaching Hospitals in the North East?',
    "I don't work at Leeds Teaching Hospitals any more",
    'I am not at RR8',
    'RR8?',
    "what's our trust's error rate at Leeds Teaching Hospitals",
  ])('reads %j as about somewhere, not where they work', (text) => {
    expect(mention(text)).toBe('none');
  });

  it.each(['RR8', 'Leeds Teaching Hospitals', 'the christie', 'London', 'at LTHT', 'North West region'])(
    'reads %j as a name given on its own',
    (text) => {
      expect(mention(text)).toBe('nameOnly');
    },
  );

  it('needs a place: a statement that names none is not a workplace', () => {
    expect(statesWorkplace('I work at a GP practice')).toBe(true);
    expect(mention('I work at a GP practice')).toBe('none');
  });
});

describe('what else a message that says where the person works asks', () => {
  it.each([
    ["I'm the MSO at Leeds Teaching Hospitals, when is the webinar?", 'webinar'],
    ["I'm new at Leeds Teaching Hospitals and want a buddy", 'buddyJoin'],
    ['I work at RR8, who is my regional lead?', 'regionalLead'],
  ])('reads %j as also asking %s', async (text, intent) => {
    expect((await knowledge.understand(text)).intent).toBe(intent);
  });

  it('does not take the rest of a name after "and" for another question', async () => {
    const understood = await knowledge.understand("Actually I've just moved to the Norfolk and Norwich");

    expect(understood.intent).toBe('setOrganisation');
    expect(understood.organisation).toMatchObject({ kind: 'found', organisation: { code: 'RM1' } });
  });
});
