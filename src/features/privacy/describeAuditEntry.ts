import { formatFullUkDateTime } from '../../platform/ukDateTime.js';
import { DateTime } from 'luxon';
import { escapeCardText } from '../../platform/cards/escapeCardText.js';
import type { AuditDetail, AuditEntry } from './auditLog.js';

/** Who and what the entries name, as far as the bot knows now (the audit table itself keeps ids only). */
export interface AuditNames {
  /** Display names by Entra object id, lower case. */
  people: ReadonlyMap<string, string>;
  /** Buddy requests by id: the applicant's name. */
  requests: ReadonlyMap<string, string>;
  /** On the person's own data card: every id they are known by, written as "you". */
  you: ReadonlySet<string>;
  /** A region's name by ODS code ('Y62' -> 'North West'); undefined for a code it does not know. */
  regionName(code: string): string | undefined;
}

/** One audit entry as a person reads it. */
export interface AuditLine {
  /** "Wednesday 2 December 2026, 09:14", UK time. */
  when: string;
  /** "Example Lead approved Sam Example's request and matched with Robin Example". */
  what: string;
}

const UK_TIME_ZONE = 'Europe/London';
const DATE_ID = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2})?$/;

/** The entry in plain words: names where the bot knows them, full dates, never an action's code name. */
export function describeAuditEntry(entry: AuditEntry, names: AuditNames): AuditLine {
  return {
    when: formatFullUkDateTime(entry.at, 'at a time the log did not keep'),
    what: capitalise(sentenceFor(entry, names)),
  };
}

function sentenceFor(entry: AuditEntry, names: AuditNames): string {
  const { subject, related, detail } = entry;
  const actor = person(names, entry.actor);
  switch (entry.action) {
    case 'buddy.signUp':
      return detail?.kind === 'updated'
        ? `${actor} updated ${possessive(names, entry.actor)} buddy scheme request`
        : `${actor} signed up to the buddy scheme${wayIn(subject)}`;
    case 'buddy.approve':
      return `${actor} approved ${request(names, subject)}${mentoring(subject)}`;
    case 'buddy.decline':
      return `${actor} declined ${request(names, subject)}${mentoring(subject)}`;
    case 'buddy.match': {
      const mentor = related ? applicant(names, related) : 'a mentor';
      return detail?.from === 'pending'
        ? `${actor} approved ${request(names, subject)} and matched with ${mentor}`
        : `${actor} matched ${applicant(names, subject)} with ${mentor}`;
    }
    case 'buddy.withdraw':
      return `${actor} withdrew ${possessive(names, entry.actor)} buddy scheme request`;
    case 'buddy.endPairing': {
      const mentor = related ? applicant(names, related) : 'a mentor';
      return `${actor} ended the pairing of ${applicant(names, subject)} with ${mentor}`;
    }
    case 'buddy.askAgain':
      return `${actor} asked for a new buddy`;
    case 'buddy.pause':
      return `${actor} paused mentoring`;
    case 'buddy.resume':
      return `${actor} resumed mentoring`;
    case 'buddy.checkIn':
      return `the ${detail?.week ?? ''}-week check-in went to ${applicant(names, subject)} and ${related ? applicant(names, related) : 'their mentor'}`;
    case 'buddy.checkInAnswer':
      return `${actor} answered a buddy check-in (${detail?.answer ?? 'an answer'})`;
    case 'webinar.schedule':
      return detail?.summary
        ? `${actor} set the webinar schedule to ${escapeCardText(detail.summary)}`
        : `${actor} changed the webinar schedule`;
    case 'webinar.change':
      return `${actor} ${webinarChange(entry)}`;
    case 'reminder.sendNow':
      return `${actor} sent the reminder for ${webinarOf(related)} by hand`;
    case 'reminder.broadcast':
      return entry.actor === 'scheduler'
        ? `the scheduled reminder for ${webinarOf(related)} finished${deliveryCounts(detail)}`
        : `the reminder for ${webinarOf(related)} that ${actor} sent by hand finished${deliveryCounts(detail)}`;
    case 'data.erase':
      return 'a person\u2019s data was erased at their request';
    case 'role.addLead':
      return `${actor} added ${person(names, subject)} as a lead`;
    case 'role.removeLead':
      return `${actor} removed ${person(names, subject)} as a lead`;
    case 'directory.save':
      return `${actor} ${directoryChange(names, detail)}`;
    case 'directory.restore':
      return `${actor} ${directoryRestore(names, detail)}`;
    case 'support.ask':
      return `${actor} asked the national lead a question (${question(names, subject)})`;
    case 'support.take':
      return `${actor} took ${question(names, subject)}`;
    case 'support.answer':
      return `${actor} answered ${question(names, subject)}`;
    case 'support.close':
      return `${actor} closed ${question(names, subject)} without an answer`;
    case 'support.resolve':
      return `${actor} said ${question(names, subject)} was answered`;
    case 'support.reopen':
      return `${actor} reopened ${question(names, subject)} with a follow-up`;
    case 'answers.add':
      return `${actor} taught the bot a new answer (${subject})`;
    case 'answers.edit':
      return `${actor} changed the bot's taught answer ${subject} (version ${detail?.version ?? 'unknown'})`;
    case 'answers.remove':
      return `${actor} removed the bot's taught answer ${subject}`;
    case 'announcement.send':
      return `${actor} sent the announcement ${subject} to ${detail?.audience ?? 'an audience'}`;
    case 'announcement.broadcast':
      return `the announcement ${subject} that ${actor} sent finished${deliveryCounts(detail)}`;
    case 'announcement.withdraw':
      return `${actor} withdrew the announcement ${subject}`;
    case 'broadcast.correction':
      return `the sent copies of ${related ?? 'a broadcast'} were ${detail?.what === 'withdrawn' ? 'replaced as withdrawn' : 'updated to the changed webinar'}${deliveryCounts(detail)}`;
  }
}

/** "question Q-7KD3PX", "your question": references name no one, so they are shown as they are. */
function question(names: AuditNames, id: string): string {
  if (names.you.has(id)) return `your question ${id}`;
  if (id.startsWith('erased-')) return 'an erased person\u2019s question';
  return `question ${id}`;
}

/** "14 January 2027", from a webinar's London date ('2027-01-14', or an occurrence id '2027-01-14T13:00'). */
function fullDate(dateId: string | undefined): string | undefined {
  const date = dateId?.match(DATE_ID)?.[1];
  if (!date) return undefined;
  const day = DateTime.fromISO(date, { zone: UK_TIME_ZONE }).setLocale('en-GB');
  return day.isValid ? day.toFormat('d LLLL yyyy') : undefined;
}

function webinarOf(dateId: string | undefined): string {
  const date = fullDate(dateId);
  return date ? `the webinar of ${date}` : 'a webinar';
}

/** The end of an id, enough to tell two unnamed people apart without printing the whole id. */
function shortId(id: string): string {
  return escapeCardText(id.length > 6 ? `\u2026${id.slice(-6)}` : id);
}

/** A person by Entra object id: their name, "you", or a plain label when the bot has no name. */
function person(names: AuditNames, id: string): string {
  if (names.you.has(id)) return 'you';
  if (id === 'scheduler') return 'the bot';
  if (id.startsWith('erased-')) return 'an erased person';
  if (id === '') return 'a person the bot has no id for';
  const name = names.people.get(id.toLowerCase());
  return name ? escapeCardText(name, 100) : `a person the bot has no name for (${shortId(id)})`;
}

/** "your" for the reader, else "their": the actor's own request. */
function possessive(names: AuditNames, id: string): string {
  return names.you.has(id) ? 'your' : 'their';
}

/** The person behind a buddy request. */
function applicant(names: AuditNames, requestId: string): string {
  if (names.you.has(requestId)) return 'you';
  if (requestId.startsWith('erased-')) return 'an erased person';
  const name = names.requests.get(requestId);
  return name ? escapeCardText(name, 100) : `a person whose request the bot no longer holds (${shortId(requestId)})`;
}

/** "Sam Example's request", "your request". */
function request(names: AuditNames, requestId: string): string {
  if (names.you.has(requestId)) return 'your request';
  if (requestId.startsWith('erased-')) return 'an erased person\u2019s request';
  const name = names.requests.get(requestId);
  return name
    ? `${escapeCardText(name, 100)}\u2019s request`
    : `a request the bot no longer holds (${shortId(requestId)})`;
}

/** Request ids begin with the way in (`mentor.…`); an erased one is a pseudonym and says nothing. */
function wayIn(requestId: string): string {
  if (requestId.startsWith('newToPost.')) return ' as new to post';
  if (requestId.startsWith('develop.')) return ' to develop with a more senior buddy';
  if (requestId.startsWith('mentor.')) return ' as a mentor';
  return '';
}

function mentoring(requestId: string): string {
  return requestId.startsWith('mentor.') ? ' to mentor' : '';
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Comma-joined values of a detail, trimmed, empty ones dropped. */
function partsOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** "cancelled the webinar of 14 January 2027", "restored the webinar of … and changed its topic and link". */
function webinarChange({ subject, related, detail }: AuditEntry): string {
  const webinar = webinarOf(detail?.date ?? subject);
  // Rows written before details were kept say only whether the date was cancelled.
  const changes = detail?.change !== undefined ? partsOf(detail.change) : related === 'cancelled' ? ['cancelled'] : [];
  const fields = changes.filter((change) => change === 'topic' || change === 'link');
  const clauses: string[] = [];
  const target = () => (clauses.length === 0 ? webinar : 'it');
  if (changes.includes('cancelled')) clauses.push(`cancelled ${target()}`);
  if (changes.includes('restored')) clauses.push(`restored ${target()}`);
  if (fields.length > 0)
    clauses.push(
      clauses.length === 0 ? `changed the ${listed(fields)} of ${webinar}` : `changed its ${listed(fields)}`,
    );
  if (changes.includes('recording')) clauses.push(`added a recording to ${target()}`);
  return clauses.length === 0 ? `changed ${webinar}` : listed(clauses);
}

/** ": 120 sent, 3 unreachable" from the broadcast's counts, when the entry kept them. */
function deliveryCounts(detail: AuditDetail | undefined): string {
  const count = (key: string) => {
    const value = detail?.[key];
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const delivered = count('delivered');
  if (delivered === undefined) return '';
  const counts = [`${String(delivered)} sent`];
  for (const key of ['unreachable', 'failed']) {
    const value = count(key);
    if (value) counts.push(`${String(value)} ${key}`);
  }
  return `: ${counts.join(', ')}`;
}

/** A directory section as a noun ("the North West network") and its possessive ("the North West network's"). */
function section(names: AuditNames, code: string | undefined): { noun: string; owner: string } | undefined {
  if (code === 'national') return { noun: 'the national lead', owner: 'the national lead\u2019s' };
  if (code === 'steering') return { noun: 'the steering group', owner: 'the steering group\u2019s' };
  if (code === 'answers') return { noun: 'the other answers', owner: 'the other answers\u2019' };
  if (code === 'source') return { noun: 'the directory\u2019s source', owner: 'the directory source\u2019s' };
  const region = code === undefined ? undefined : names.regionName(code);
  if (region) return { noun: `the ${region} network`, owner: `the ${region} network\u2019s` };
  return undefined;
}

/** "changed the North West network's lead email and page". */
function directoryChange(names: AuditNames, detail: AuditDetail | undefined): string {
  const part = section(names, detail?.section);
  const fields = partsOf(detail?.fields).map((field) => escapeCardText(field, 60));
  if (!part) return fields.length > 0 ? `changed the directory\u2019s ${listed(fields)}` : 'changed the directory';
  return fields.length > 0 ? `changed ${part.owner} ${listed(fields)}` : `changed ${part.noun}`;
}

/** "restored directory version 12 (the North West network)". */
function directoryRestore(names: AuditNames, detail: AuditDetail | undefined): string {
  const version = detail?.version && /^\d+$/.test(detail.version) ? detail.version : undefined;
  const part = section(names, detail?.section);
  const what = version ? `directory version ${version}` : 'an earlier version of the directory';
  return `restored ${what}${part ? ` (${part.noun})` : ''}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
