// Shared set-up for the device-manager integration tests: databases, managers, API calls.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  COMMAND_API,
  commandApiErrorSchema,
  healthResponseSchema,
} from "@plugboard/device-contract";
import { createTestDatabase, type TestDatabase } from "@plugboard/node-runtime";
import { openDeviceManagerDatabase, type DmHandle } from "../db";
import { startDeviceManager, type DeviceManager, type DeviceManagerOptions } from "../server";

export const TOKEN = "test-service-token-0123456789abcdef";
export const SECRET_KEY = randomBytes(32).toString("hex");
export const EVENTS_SECRET = "test-events-secret";

export interface ManagerDatabase {
  kind: "postgres" | "pglite";
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh database: a new PostgreSQL database, or a PGlite directory (kept across restarts). */
export async function createManagerDatabase(kind: "postgres" | "pglite"): Promise<ManagerDatabase> {
  const test: TestDatabase = await createTestDatabase(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dm-test-"));
  return {
    kind,
    url: test.url,
    dataDir,
    async drop() {
      await test.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database and a handle on it, for tests of the write functions without a server. */
export async function openManagerHandle(
  kind: "postgres" | "pglite",
): Promise<{ handle: DmHandle; close(): Promise<void> }> {
  const database = await createManagerDatabase(kind);
  const handle = await openDeviceManagerDatabase({ url: database.url, dataDir: database.dataDir });
  return {
    handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

export function startTestManager(
  database: ManagerDatabase,
  options: Partial<DeviceManagerOptions> = {},
): Promise<DeviceManager> {
  return startDeviceManager({
    port: 0,
    databaseUrl: database.url,
    dataDir: database.dataDir,
    token: TOKEN,
    secretKey: SECRET_KEY,
    logLevel: process.env.DM_TEST_LOG ? "debug" : "silent",
    ...options,
  });
}

let counter = 0;
export function newSerial(prefix = "TEST"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${randomBytes(2).toString("hex")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Responses are read loosely in tests: the assertions themselves check the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

export interface ApiResponse<T = LooseJson> {
  status: number;
  body: T;
  text: string;
}

export async function callApi<T = LooseJson>(
  manager: { url: string },
  method: string,
  pathname: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(manager.url + pathname, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  assertWithinContract(method, pathname, response.status, parsed);
  return { status: response.status, body: parsed as T, text };
}

/**
 * Every answer the tests see must match the device contract (COMMAND_API): the portal's
 * client checks the same schemas, so an answer outside them would break the portal.
 */
function assertWithinContract(method: string, pathname: string, status: number, body: unknown) {
  const path = pathname.split("?")[0] ?? pathname;
  if (status >= 400) {
    const refusal = commandApiErrorSchema.safeParse(body);
    if (!refusal.success)
      throw new Error(
        `${method} ${path} answered ${status} outside the contract: ${refusal.error}`,
      );
    return;
  }
  if (path === "/health") {
    healthResponseSchema.parse(body);
    return;
  }
  const endpoint = Object.values(COMMAND_API).find(
    (spec) => spec.method === method && spec.pattern.test(path),
  );
  if (!endpoint) throw new Error(`${method} ${path} answered ${status} but is not in COMMAND_API`);
  const answer = endpoint.response.safeParse(body);
  if (!answer.success)
    throw new Error(`${method} ${path} answered outside the contract: ${answer.error}`);
}

/** Registers a new charger and returns its serial and plain secret. */
export async function registerTestCharger(manager: { url: string }, prefix?: string) {
  const serial = newSerial(prefix);
  const secret = randomBytes(32).toString("base64url");
  const response = await callApi(manager, "PUT", `/v1/chargers/${serial}`, {
    credentialHash: hashSecret(secret),
    organizationId: "org-test",
  });
  if (response.status !== 201)
    throw new Error(`register failed: ${response.status} ${response.text}`);
  return { serial, secret };
}

export async function waitFor<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 50, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

export async function readShadow(manager: { url: string }, serial: string) {
  const response = await callApi(manager, "GET", `/v1/chargers/${serial}/shadow`);
  return response.body;
}

export async function readCommandStatus(
  manager: { url: string },
  commandId: string,
): Promise<string> {
  const response = await callApi(manager, "GET", `/v1/commands/${commandId}`);
  return response.body?.status;
}
