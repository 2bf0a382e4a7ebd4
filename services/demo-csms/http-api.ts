// The demo central system's HTTP API, so a person (or cli.ts) can try every central-system-to-
// charger message of OCPP 1.6 by hand, plus a tiny file server for firmware images and
// diagnostics uploads. Bound to loopback by default; DEMO_CSMS_ADMIN_TOKEN guards it otherwise.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Ocpp16Action } from "@plugboard/ocpp16";
import { ocppSchemaProblem } from "@plugboard/ocpp16";
import type { UploadStore } from "./uploads";

/** Central system → charger messages of OCPP 1.6 (the five profiles the chargers have, and Reservation). */
export const CS_TO_CP_ACTIONS = [
  "CancelReservation",
  "ChangeAvailability",
  "ChangeConfiguration",
  "ClearCache",
  "ClearChargingProfile",
  "DataTransfer",
  "GetCompositeSchedule",
  "GetConfiguration",
  "GetDiagnostics",
  "GetLocalListVersion",
  "RemoteStartTransaction",
  "RemoteStopTransaction",
  "ReserveNow",
  "Reset",
  "SendLocalList",
  "SetChargingProfile",
  "TriggerMessage",
  "UnlockConnector",
  "UpdateFirmware",
] as const satisfies readonly Ocpp16Action[];

/** What the API needs of the central system; with several workers, each may ask the others. */
export interface HttpApiDeps {
  adminToken?: string;
  connectedIdentities(): Promise<string[]>;
  received(identity: string): Promise<Array<{ action: string; params: unknown; at: Date }>>;
  /** Rejects with a NotConnectedError when no worker holds the charger. */
  call(identity: string, action: Ocpp16Action, params: unknown): Promise<unknown>;
  uploads: UploadStore;
}

const MAX_BODY_BYTES = 1024 * 1024;
const digest = (value: string) => createHash("sha256").update(value).digest();

/** Handles /api/… and /files/…; false for any other path (the caller answers it). */
export function createHttpApi(deps: HttpApiDeps) {
  const { uploads } = deps;
  const authorised = (req: IncomingMessage) => {
    if (!deps.adminToken) return true;
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    return timingSafeEqual(digest(given), digest(deps.adminToken));
  };

  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<boolean> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
      return true;
    };
    if (path.startsWith("/files/")) return files(req, res, path, reply);
    if (!path.startsWith("/api/")) return false;
    if (!authorised(req))
      return reply(401, {
        error: "unauthorized",
        message: "Authorization: Bearer <DEMO_CSMS_ADMIN_TOKEN> required",
      });
    if (req.method === "GET" && path === "/api/chargers")
      return reply(200, { chargers: await deps.connectedIdentities() });
    const match = /^\/api\/chargers\/([^/]+)\/(messages|calls\/([A-Za-z]+))$/.exec(path);
    if (!match)
      return reply(404, {
        error: "not_found",
        message:
          "Use GET /api/chargers, GET /api/chargers/:identity/messages or POST /api/chargers/:identity/calls/:Action",
      });
    let identity: string;
    try {
      identity = decodeURIComponent(match[1]!);
    } catch {
      return reply(400, { error: "invalid_identity", message: "badly percent-encoded identity" });
    }
    if (match[2] === "messages") {
      if (req.method !== "GET")
        return reply(405, { error: "method_not_allowed", message: "Use GET" });
      return reply(200, { messages: (await deps.received(identity)).slice(-100) });
    }
    if (req.method !== "POST")
      return reply(405, {
        error: "method_not_allowed",
        message: "Use POST with the payload as JSON",
      });
    const action = match[3] as Ocpp16Action;
    if (!(CS_TO_CP_ACTIONS as readonly string[]).includes(action))
      return reply(400, {
        error: "unknown_action",
        message: `${action} is not a central-system message; one of ${CS_TO_CP_ACTIONS.join(", ")}`,
      });
    let payload: unknown;
    try {
      const text = await readBody(req);
      payload = text.trim() === "" ? {} : JSON.parse(text);
    } catch (error) {
      return reply((error as Error).message === "too_large" ? 413 : 400, {
        error: "invalid_json",
        message: "the body must be the JSON payload of the call",
      });
    }
    const problem = ocppSchemaProblem(action, "req", payload);
    if (problem)
      return reply(400, {
        error: "invalid_payload",
        message: `${action}.req does not match the OCPP 1.6 schema: ${problem}`,
      });
    try {
      return reply(200, { action, result: await deps.call(identity, action, payload) });
    } catch (error) {
      const e = error as Error & { rpcErrorCode?: string };
      if (e.name === "NotConnectedError")
        return reply(404, { error: "not_connected", message: `${identity} is not connected` });
      if (e.name === "TimeoutError")
        return reply(504, { error: "timeout", message: `${identity} did not answer ${action}` });
      return reply(502, {
        error: "call_error",
        rpcErrorCode: e.rpcErrorCode ?? null,
        message: e.message,
      });
    }
  };

  /** GET /files/firmware/<name>: a small image (its version is in the name); PUT /files/diagnostics/<name>. */
  async function files(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    reply: (s: number, b: unknown) => boolean,
  ) {
    const name = path.split("/")[3] ?? "";
    if (req.method === "GET" && path.startsWith("/files/firmware/") && name) {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.end(Buffer.alloc(4096, 0x5a));
      return true;
    }
    if (path === "/files/diagnostics" && req.method === "GET")
      return reply(200, { files: await uploads.list() });
    if (path.startsWith("/files/diagnostics/") && name && req.method === "PUT") {
      let text: string;
      try {
        text = await readBody(req);
      } catch {
        return reply(413, { error: "too_large", message: `at most ${MAX_BODY_BYTES} bytes` });
      }
      // a failed store (a worker whose primary is gone) answers 500 through the caller's catch
      await uploads.put(decodeURIComponent(name), text);
      return reply(201, { stored: decodeURIComponent(name) });
    }
    if (path.startsWith("/files/diagnostics/") && name && req.method === "GET") {
      const upload = await uploads.get(decodeURIComponent(name));
      if (!upload) return reply(404, { error: "not_found", message: "no such diagnostics file" });
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(upload.text);
      return true;
    }
    return reply(404, {
      error: "not_found",
      message: "Use GET /files/firmware/<name>, PUT or GET /files/diagnostics/<name>",
    });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("too_large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
