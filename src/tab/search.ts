import type { RegionalNetworkEntry } from '../http/directoryApi.js';

/** Lower case, "&" as "and", no accents or punctuation: "NE&Y" and "ne and y" read the same. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function words(text: string): string[] {
  return normalise(text).split(' ').filter(Boolean);
}

/** What a network is found by: its region (name, other names, ODS code), its name and its people. */
export function searchTextOf(network: RegionalNetworkEntry): string[] {
  return [
    network.region.name,
    ...network.region.synonyms,
    network.region.code,
    network.name,
    network.lead.name,
    network.lead.role ?? '',
    ...network.deputies.map((deputy) => deputy.name),
  ].map(normalise);
}

/**
 * True when every word typed begins a word of one of the network's phrases, so "north west"
 * finds the North West but not North East and Yorkshire, and "york" finds Yorkshire.
 */
export function networkMatches(network: RegionalNetworkEntry, query: string): boolean {
  const typed = words(query);
  if (typed.length === 0) return true;
  return searchTextOf(network).some((phrase) => {
    const phraseWords = phrase.split(' ');
    return typed.every((word) => phraseWords.some((candidate) => candidate.startsWith(word)));
  });
}
