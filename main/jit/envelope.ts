// The decrypted answer's outer shape (§2) and how a schema failure is worded for the PI page.
import { z } from 'zod';

export const envelope = z.object({
  serviceId: z.string().nullish(),
  errorMsg: z.string().nullish(),
  errorMsgs: z
    .array(
      z.object({
        errorCode: z.union([z.string(), z.number()]).nullish(),
        errorMsg: z.string().nullish(),
      }),
    )
    .nullish(),
  data: z.array(z.unknown()).nullish(),
});
export type Envelope = z.output<typeof envelope>;

/** errorMsg and errorMsgs joined ("340: Wrong IFSC ..."); undefined when there is no error. */
export function errorText(env: Envelope): string | undefined {
  const parts: string[] = [];
  if (env.errorMsg && env.errorMsg.trim()) parts.push(env.errorMsg.trim());
  for (const e of env.errorMsgs ?? []) {
    const code =
      e.errorCode === null || e.errorCode === undefined ? '' : String(e.errorCode).trim();
    const msg = (e.errorMsg ?? '').trim();
    if (code || msg) parts.push(code && msg ? `${code}: ${msg}` : code || msg);
  }
  return parts.length ? parts.join('; ') : undefined;
}

/** "benfDtls[0].utrNo is required; amount is not an amount ..." from a zod error. */
export function describeIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = formatPath(issue.path);
      const where = path || 'data';
      if (path && valueAt(input, issue.path) === undefined) return `${where} is required`;
      if (issue.code === 'custom') return `${where} ${issue.message}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
  return text.startsWith('[') ? `data${text}` : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}
