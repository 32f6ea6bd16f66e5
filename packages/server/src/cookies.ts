/** The value of one cookie in a Cookie header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      // A malformed escape (`%E0%A4%A`) made every talks route and sign-in itself answer 500: such a value
      // is no secret the server gave, so it is kept as it is and simply matches no session.
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return value.join('=');
      }
    }
  }
  return undefined;
}
