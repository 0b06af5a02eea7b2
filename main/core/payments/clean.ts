// Text the treasury accepts: it refuses a bill whose names or addresses carry other characters.
const REFUSED = /[^A-Za-z0-9 .,\-/()&]/g;

/** Keep letters, digits, space and . , - / ( ) &; collapse spaces; cut to `max`. */
export function cleanText(text: string | null | undefined, max: number): string {
  return (text ?? '').replace(REFUSED, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

export const NAME_MAX = 100;
export const ADDRESS_MAX = 200;
export const PURPOSE_MAX = 100;
