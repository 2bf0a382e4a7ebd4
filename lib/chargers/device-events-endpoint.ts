// The portal's side of the device-event webhook, independent of Next.js so tests can mount
// it on a plain HTTP server: verify the signature, validate, apply (and announce).
import type { PortalDatabase } from "@/db";
import {
  deviceEventBatchSchema,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyEventSignature,
  type DeviceEventsAnswer,
  type DeviceEventsRefusal,
} from "@plugboard/device-contract";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { applyDeviceEvents } from "./apply-device-events";
import { chargerChurnVacuum } from "./churn-vacuum";

const MAX_BODY_BYTES = 1024 * 1024;

/** Every answer is one of the contract's two shapes (device-contract/events.ts). */
const answer = (body: DeviceEventsAnswer) => Response.json(body);
const refuse = (status: number, body: DeviceEventsRefusal) => Response.json(body, { status });

export async function handleDeviceEventsRequest(
  request: Request,
  database: PortalDatabase,
  secret: string | undefined,
): Promise<Response> {
  if (!secret) return refuse(503, { error: "device events are not configured" });
  // Bounded while reading: the body is not authenticated yet.
  const body = await readLimitedBody(request, MAX_BODY_BYTES);
  if (!body.ok) return refuse(413, { error: "body too large" });
  const rawBody = body.text;
  const verified = verifyEventSignature({
    secret,
    rawBody,
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
  });
  if (!verified.ok) return refuse(401, { error: "invalid signature", reason: verified.reason });

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return refuse(400, { error: "body is not JSON" });
  }
  const parsed = deviceEventBatchSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return refuse(400, { error: "invalid events", issues });
  }
  // Applied and announced to the live views in one transaction (apply-device-events.ts).
  const result = await applyDeviceEvents(database.db, parsed.data.events);
  // In the background, after the answer: the device manager's next delivery need not wait.
  chargerChurnVacuum(database).replaced(result.applied);
  return answer({ applied: result.applied, ignored: result.ignored });
}
