// The command API (portal → device manager): Bearer service token, zod-validated JSON bodies,
// 202 + command id once the command row is committed.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import {
  COMMAND_API,
  describeIssues,
  listLimitSchema,
  OCPP_TEST_DEADLINE_MS,
  serialSchema,
  type CommandApiEndpoint,
  type CommandApiResponse,
  type ShadowView,
  type TestOcppConnectionResponse,
} from "@plugboard/device-contract";
import { createCommand, listCommands, readCommand, toCommandView } from "./commands";
import { decryptSecret, equalsConstantTime } from "./crypto";
import { CHANNELS, type DmHandle } from "./db";
import type { ChargerRow } from "./db/schema";
import { errorMessage, type Logger } from "./logger";
import type { OcppTestOutcome, OcppTestRequest } from "./ocpp-tests";
import { readCharger, registerCharger } from "./shadow";

const MAX_BODY_BYTES = 64 * 1024;

export interface HttpApiOptions {
  handle: DmHandle;
  instanceId: string;
  token: string;
  secretKey: Buffer;
  log: Logger;
  connectedCount(): number;
  deliver(serial: string): void;
  testOcppConnection(
    charger: ChargerRow,
    request: OcppTestRequest,
    deadlineMs: number,
  ): Promise<OcppTestOutcome>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

type Handler<E extends CommandApiEndpoint> = (
  req: IncomingMessage,
  params: Record<string, string>,
  url: URL,
) => Promise<[number, CommandApiResponse<E>]>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler<CommandApiEndpoint>;
}

/** A route of the contract's endpoint table; the handler must answer that endpoint's response. */
function route<E extends CommandApiEndpoint>(endpoint: E, handler: Handler<E>): Route {
  const { method, pattern } = COMMAND_API[endpoint];
  return { method, pattern, handler: handler as Handler<CommandApiEndpoint> };
}

export function createHttpApi(options: HttpApiOptions) {
  const { handle, log } = options;
  const db = handle.db;

  const routes: Route[] = [
    route("registerCharger", async (req, params) => {
      const serial = parseWith(serialSchema, params.serial, "invalid_serial");
      const body = parseWith(
        COMMAND_API.registerCharger.request,
        await readJson(req),
        "invalid_request",
      );
      const result = await registerCharger(db, { serial, ...body });
      // Whoever holds a socket opened with the old secret must drop it.
      if (result.credentialChanged) await handle.notify(CHANNELS.kick, serial);
      log.info("charger registered", { serial, created: result.created });
      const charger = await readCharger(db, serial);
      return [
        result.created ? 201 : 200,
        { serial, organizationId: charger?.organizationId ?? null, created: result.created },
      ];
    }),
    route("readShadow", async (_req, params) => {
      const charger = await findCharger(params.serial);
      return [200, toShadowView(charger)];
    }),
    route("createCommand", async (req, params) => {
      const serial = parseWith(serialSchema, params.serial, "invalid_serial");
      const raw = await readJson(req);
      const headerKey = req.headers["idempotency-key"];
      const withKey =
        typeof headerKey === "string" &&
        raw &&
        typeof raw === "object" &&
        !("idempotencyKey" in raw)
          ? { ...raw, idempotencyKey: headerKey }
          : raw;
      const request = parseWith(COMMAND_API.createCommand.request, withKey, "invalid_request");
      const result = await createCommand(db, options.secretKey, serial, request);
      if (!result.ok) {
        if (result.error === "charger_not_found")
          throw new HttpError(404, "charger_not_found", "no such charger");
        throw new HttpError(
          409,
          "idempotency_conflict",
          "idempotencyKey already used for another kind of command",
        );
      }
      const { command, created } = result;
      if (created) {
        log.info("command accepted", { serial, commandId: command.id, kind: command.kind });
        options.deliver(serial);
      }
      const body = {
        commandId: command.id,
        status: command.status,
        configVersion: command.configVersion,
        duplicate: !created,
      };
      return [created ? 202 : 200, body];
    }),
    route("listCommands", async (_req, params, url) => {
      const charger = await findCharger(params.serial);
      const limit = parseWith(
        listLimitSchema,
        url.searchParams.get("limit") ?? undefined,
        "invalid_limit",
      );
      const rows = await listCommands(db, charger.serial, limit);
      return [200, { commands: rows.map(toCommandView) }];
    }),
    route("testOcppConnection", async (req, params) => {
      const charger = await findCharger(params.serial);
      const request = parseWith(
        COMMAND_API.testOcppConnection.request,
        await readJson(req),
        "invalid_request",
      );
      // The password given, else (when asked) the one saved for the charger, else none. Used
      // for this test only: nothing is stored.
      let password = request.password;
      let source: "given" | "saved" | "none" = password ? "given" : "none";
      if (!password && request.useSavedPassword && charger.desiredOcppPasswordEnc) {
        try {
          password = decryptSecret(
            options.secretKey,
            charger.desiredOcppPasswordEnc,
            charger.serial,
          );
          source = "saved";
        } catch {
          throw new HttpError(409, "secret_unreadable", "the saved password cannot be decrypted");
        }
      }
      const outcome = await options.testOcppConnection(
        charger,
        { url: request.url, identity: request.identity, ...(password ? { password } : {}) },
        request.timeoutMs ?? OCPP_TEST_DEADLINE_MS,
      );
      // Outcome and reason only: the URL may carry a token in its query, the password never.
      log.info("ocpp connection test", {
        serial: charger.serial,
        outcome: outcome.outcome,
        reason: outcome.outcome === "failed" ? outcome.reason : undefined,
      });
      return [200, testAnswer(outcome, source)];
    }),
    route("readCommand", async (_req, params) => {
      const id = parseWith(z.uuid(), params.id, "invalid_command_id");
      const command = await readCommand(db, id);
      if (!command) throw new HttpError(404, "command_not_found", "no such command");
      return [200, toCommandView(command)];
    }),
  ];

  async function findCharger(rawSerial: string | undefined): Promise<ChargerRow> {
    const serial = parseWith(serialSchema, rawSerial, "invalid_serial");
    const charger = await readCharger(db, serial);
    if (!charger) throw new HttpError(404, "charger_not_found", "no such charger");
    return charger;
  }

  return async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", "http://device-manager");
      if (url.pathname === "/health" && req.method === "GET") {
        return send(res, 200, {
          ok: true,
          instanceId: options.instanceId,
          connected: options.connectedCount(),
        });
      }
      const matching = routes
        .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
        .filter((entry) => entry.match);
      if (matching.length === 0) throw new HttpError(404, "not_found", "no such route");
      if (!isAuthorized(req.headers.authorization, options.token)) {
        res.setHeader("WWW-Authenticate", 'Bearer realm="plugboard-device-manager"');
        throw new HttpError(401, "unauthorized", "missing or invalid service token");
      }
      const found = matching.find((entry) => entry.route.method === req.method);
      if (!found?.match) throw new HttpError(405, "method_not_allowed", "method not allowed");
      const params = Object.fromEntries(
        Object.entries(found.match.groups ?? {}).map(([key, value]) => [key, safeDecode(value)]),
      );
      const [status, body] = await found.route.handler(req, params, url);
      send(res, status, body);
    } catch (error) {
      if (error instanceof HttpError) {
        return send(res, error.status, {
          error: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
        });
      }
      log.error("request failed", { method: req.method, error: errorMessage(error) });
      send(res, 500, { error: "internal_error", message: "internal error" });
    }
  };
}

function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  // Always compare, so a missing header costs the same as a wrong one.
  return equalsConstantTime(match?.[1] ?? "", token) && Boolean(match);
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, code: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
  }));
  throw new HttpError(400, code, describeIssues(result.error), issues);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, "body_too_large", `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new HttpError(400, "invalid_json", "a JSON body is required");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "body is not valid JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(text);
}

/** Desired config without the password (only whether one is set) and the reported state. */
export function toShadowView(charger: ChargerRow): ShadowView {
  return {
    serial: charger.serial,
    organizationId: charger.organizationId,
    desired: {
      configVersion: charger.desiredConfigVersion,
      ocpp: {
        enabled: charger.desiredOcppEnabled,
        url: charger.desiredOcppUrl,
        identity: charger.desiredOcppIdentity,
        hasPassword: charger.desiredOcppPasswordEnc !== null,
      },
      features: charger.desiredFeatures,
    },
    reported: {
      online: charger.online,
      lifecycle: charger.lifecycle,
      appliedConfigVersion: charger.appliedConfigVersion,
      ocpp: charger.ocpp,
      firmware: charger.firmware,
      connectors: charger.connectors,
      features: charger.features,
      hmi: charger.hmi,
      reportedAt: charger.reportedAt?.toISOString() ?? null,
      lastSeenAt: charger.lastSeenAt?.toISOString() ?? null,
    },
    connection: { instanceId: charger.connectedInstanceId, epoch: charger.connectionEpoch },
    lastEventSeq: charger.eventSeq,
  };
}

/** The API's answer to a connection test: the charger's outcome and which password it used. */
function testAnswer(
  outcome: OcppTestOutcome,
  password: "given" | "saved" | "none",
): TestOcppConnectionResponse {
  if (outcome.outcome === "connected" || outcome.outcome === "failed")
    return { ...outcome, password };
  return outcome;
}
