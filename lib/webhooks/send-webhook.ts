// Sends one signed webhook message (Standard Webhooks: webhook-id, webhook-timestamp and
// webhook-signature = v1,base64(HMAC-SHA256(secret, "id.timestamp.body"))). Any feature that
// calls out (alerts today) goes through here, so the address rules and the signature are one.
// The host is resolved once, checked, and connected to at exactly that address: a name that
// resolves to a private address (or is re-pointed at one between check and use) is refused.
import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { isPrivateAddress, isPrivateHostLiteral } from "./private-address";

export interface WebhookMessage {
  url: string;
  /** whsec_… (base64 after the prefix), as Standard Webhooks writes secrets. */
  secret: string;
  /** Stable across retries of one message, so the receiver can drop a repeat. */
  id: string;
  body: string;
}

/** Why a message did not reach the receiver; the page words each one. */
export type SendError = "private_address" | "timeout" | "refused" | "dns" | "tls" | "network";

/** A 2xx answer, or the receiver's other status, or why none came. */
export type SendResult =
  { ok: true; status: number } | { ok: false; status: number } | { ok: false; error: SendError };

export interface SendOptions {
  /** Loopback and private networks allowed (tests, a receiver on the same host). */
  allowPrivate: boolean;
  timeoutMs?: number;
  now?: Date;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

class PrivateAddressError extends Error {
  code = "PRIVATE_ADDRESS";
}

/** The signed headers of a message at `now` (also what a test verifies with Webhook.verify). */
export function signWebhook(message: Omit<WebhookMessage, "url">, now: Date) {
  const signature = new Webhook(message.secret).sign(message.id, now, message.body);
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const refused = addresses.find((a) => !allowPrivate && isPrivateAddress(a.address));
      if (refused) return callback(new PrivateAddressError(refused.address), "", 4);
      if (options.all) return callback(null, addresses as never);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function errorOf(error: NodeJS.ErrnoException): SendError {
  if (error instanceof PrivateAddressError) return "private_address";
  if (error.code === "ETIMEDOUT" || error.name === "TimeoutError") return "timeout";
  if (error.code === "ECONNREFUSED") return "refused";
  if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") return "dns";
  if (/CERT|SSL|TLS/i.test(error.code ?? "") || /certificate|tls|ssl/i.test(error.message))
    return "tls";
  return "network";
}

export async function sendWebhook(
  message: WebhookMessage,
  { allowPrivate, timeoutMs = WEBHOOK_TIMEOUT_MS, now = new Date() }: SendOptions,
): Promise<SendResult> {
  const url = new URL(message.url);
  if (!allowPrivate && isPrivateHostLiteral(url.hostname))
    return { ok: false, error: "private_address" };
  const headers = {
    ...signWebhook(message, now),
    "content-type": "application/json",
    "user-agent": "Plugboard-Webhooks/1",
  };
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(message.body) },
        lookup: checkedLookup(allowPrivate),
        // Redirects are not followed: a 3xx is an answer like any other that is not 2xx.
      },
      (response) => {
        // The receiver's body is not needed; reading it frees the socket.
        response.resume();
        response.on("end", () => clearTimeout(timer));
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status });
      },
    );
    const timer = setTimeout(() => {
      const error = new Error("timed out") as NodeJS.ErrnoException;
      error.code = "ETIMEDOUT";
      request.destroy(error);
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, error: errorOf(error) });
    });
    request.end(message.body);
  });
}
