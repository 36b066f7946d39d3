/** An https address with a dotted host name, at most 500 characters: what a card's link may be. */
export function isHttpsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname.includes('.') && url.length <= 500;
  } catch {
    return false;
  }
}
