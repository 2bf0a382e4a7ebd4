// Secrets never reach the audit log: any key that names one is replaced, at any depth.
const SECRET_KEY = /pass(word)?|secret|token|key|credential/i;

export const REDACTED = "[redacted]";

/** Whether a key names a secret (password, token, key…), for readers of the log too. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? (v === null || v === undefined ? v : REDACTED) : redactSecrets(v),
      ]),
    );
  }
  return value;
}
