/** Sets aside what does not change a command: "@MSO Bot  Help!" reads as "help". */
export function normaliseCommand(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
