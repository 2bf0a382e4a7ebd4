// The portal's client for the device manager's HTTP command API.
import { z } from "zod";
import { commandKindSchema, commandStatusSchema } from "@plugboard/device-contract";

export class DeviceManagerUnavailableError extends Error {
  constructor(cause: string) {
    super(`The device manager cannot be reached (${cause}).`);
    this.name = "DeviceManagerUnavailableError";
  }
}

export class DeviceManagerRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "DeviceManagerRequestError";
  }
}

export interface DeviceManagerClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

const acceptedSchema = z.object({
  commandId: z.string(),
  status: commandStatusSchema,
  configVersion: z.number().nullable().optional(),
  duplicate: z.boolean().optional(),
});

export type CommandKind = z.infer<typeof commandKindSchema>;
export type AcceptedCommand = z.infer<typeof acceptedSchema>;

export function createDeviceManagerClient({
  baseUrl,
  token,
  timeoutMs = 5000,
}: DeviceManagerClientOptions) {
  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause =
        error instanceof Error && error.name === "TimeoutError" ? "timed out" : "connection failed";
      throw new DeviceManagerUnavailableError(cause);
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (response.status >= 500) throw new DeviceManagerUnavailableError(`HTTP ${response.status}`);
    if (!response.ok) {
      const message =
        (json as { message?: string; error?: string } | null)?.message ?? `HTTP ${response.status}`;
      throw new DeviceManagerRequestError(response.status, message);
    }
    return json;
  }

  return {
    async registerCharger(
      serial: string,
      credentialHash: string,
      organizationId: string,
    ): Promise<void> {
      await request("PUT", `/v1/chargers/${encodeURIComponent(serial)}`, {
        credentialHash,
        organizationId,
      });
    },
    async sendCommand(
      serial: string,
      kind: CommandKind,
      payload: Record<string, unknown>,
      idempotencyKey: string,
    ): Promise<AcceptedCommand> {
      const json = await request("POST", `/v1/chargers/${encodeURIComponent(serial)}/commands`, {
        kind,
        payload,
        idempotencyKey,
      });
      return acceptedSchema.parse(json);
    },
    async getShadow(serial: string): Promise<unknown> {
      return request("GET", `/v1/chargers/${encodeURIComponent(serial)}/shadow`);
    },
  };
}

export type DeviceManagerClient = ReturnType<typeof createDeviceManagerClient>;
