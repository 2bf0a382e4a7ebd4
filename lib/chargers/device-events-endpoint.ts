// The portal's side of the device-event webhook, independent of Next.js so tests can mount
// it on a plain HTTP server: verify the signature, validate, apply, announce.
import type { PortalDatabase } from "@/db";
import { deviceEventBatchSchema } from "@plugboard/device-contract";
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyEventSignature,
} from "@plugboard/device-contract";
import { CHARGER_CHANGES_CHANNEL, encodeChange } from "@/lib/live/charger-changes";
import { applyDeviceEvents } from "./apply-device-events";

const MAX_BODY_BYTES = 1024 * 1024;

export async function handleDeviceEventsRequest(
  request: Request,
  database: PortalDatabase,
  secret: string | undefined,
): Promise<Response> {
  if (!secret) return Response.json({ error: "device events are not configured" }, { status: 503 });
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
    return Response.json({ error: "body too large" }, { status: 413 });
  }
  const verified = verifyEventSignature({
    secret,
    rawBody,
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
  });
  if (!verified.ok)
    return Response.json({ error: "invalid signature", reason: verified.reason }, { status: 401 });

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return Response.json({ error: "body is not JSON" }, { status: 400 });
  }
  const parsed = deviceEventBatchSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return Response.json({ error: "invalid events", issues }, { status: 400 });
  }
  const result = await applyDeviceEvents(database.db, parsed.data.events);
  for (const change of result.changed) {
    await database.notify(CHARGER_CHANGES_CHANNEL, encodeChange(change));
  }
  return Response.json({ applied: result.applied, ignored: result.ignored });
}
