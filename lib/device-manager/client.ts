// The portal's client for the device manager's HTTP command API. Requests and answers are
// typed and checked by the endpoint table of the device contract (COMMAND_API), the same one
// the device manager routes and validates by.
import {
  COMMAND_API,
  commandApiErrorSchema,
  OCPP_TEST_DEADLINE_MS,
  type AcceptedCommandResponse,
  type CommandApiEndpoint,
  type CommandApiRequest,
  type CommandApiResponse,
  type CommandView,
  type CreateCommandInput,
  type RegisterChargerRequest,
  type ShadowView,
  type TestOcppConnectionInput,
  type TestOcppConnectionResponse,
} from "@plugboard/device-contract";

/** A connection test answers within its deadline; the request waits a little longer than that. */
const TEST_REQUEST_MARGIN_MS = 5_000;

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
  /**
   * The device manager's instances. They share one database, so any of them takes any
   * request: the client stays on the one that last answered and moves to the next when a
   * connection cannot be made. It never moves on after a timeout: the request may have been
   * taken (a command with its idempotency key could be sent again safely, a connection test
   * would just wait twice as long).
   */
  baseUrls: readonly string[];
  token: string;
  timeoutMs?: number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command as the portal asks for it: its kind and that kind's payload. */
export type DeviceCommand = DistributiveOmit<CreateCommandInput, "idempotencyKey">;
export type CommandKind = DeviceCommand["kind"];
export type AcceptedCommand = AcceptedCommandResponse;

export function createDeviceManagerClient({
  baseUrls,
  token,
  timeoutMs = 5000,
}: DeviceManagerClientOptions) {
  if (baseUrls.length === 0) throw new Error("no device manager address");
  /** The instance that answered last: tried first. */
  let current = 0;

  async function fetchFromAny(path: string, init: RequestInit, waitMs: number) {
    for (let tried = 0; ; tried += 1) {
      const at = current;
      try {
        return await fetch(new URL(path, baseUrls[at]), {
          ...init,
          signal: AbortSignal.timeout(waitMs),
        });
      } catch (error) {
        if (error instanceof Error && error.name === "TimeoutError") {
          throw new DeviceManagerUnavailableError("timed out");
        }
        if (tried + 1 >= baseUrls.length) {
          throw new DeviceManagerUnavailableError("connection failed");
        }
        // Another request may have moved on already.
        if (current === at) current = (at + 1) % baseUrls.length;
      }
    }
  }

  async function call<E extends CommandApiEndpoint>(
    endpoint: E,
    pathArgument: string,
    body?: CommandApiRequest<E>,
    waitMs = timeoutMs,
  ): Promise<CommandApiResponse<E>> {
    const spec = COMMAND_API[endpoint];
    const response = await fetchFromAny(
      spec.path(pathArgument),
      {
        method: spec.method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      waitMs,
    );
    if (response.status >= 500) throw new DeviceManagerUnavailableError(`HTTP ${response.status}`);
    const json = await readJson(response);
    if (!response.ok) {
      const refusal = commandApiErrorSchema.safeParse(json);
      throw new DeviceManagerRequestError(
        response.status,
        refusal.success ? refusal.data.message : `HTTP ${response.status}`,
      );
    }
    const answer = spec.response.safeParse(json);
    // An answer outside the contract means the two sides disagree: nothing can be trusted.
    if (!answer.success) throw new DeviceManagerUnavailableError("unexpected answer");
    return answer.data as CommandApiResponse<E>;
  }

  return {
    async registerCharger(
      serial: string,
      credentialHash: string,
      organizationId: string,
    ): Promise<void> {
      const request: RegisterChargerRequest = { credentialHash, organizationId };
      await call("registerCharger", serial, request);
    },
    /** Queues a command; the same idempotency key again answers the same command. */
    async sendCommand(
      serial: string,
      command: DeviceCommand,
      idempotencyKey: string,
    ): Promise<AcceptedCommand> {
      return call("createCommand", serial, { ...command, idempotencyKey });
    },
    async getShadow(serial: string): Promise<ShadowView> {
      return call("readShadow", serial);
    },
    async getCommand(commandId: string): Promise<CommandView> {
      return call("readCommand", commandId);
    },
    /** Asks the charger to test a connection (nothing stored); answers within the deadline. */
    async testOcppConnection(
      serial: string,
      request: TestOcppConnectionInput,
    ): Promise<TestOcppConnectionResponse> {
      const deadline = request.timeoutMs ?? OCPP_TEST_DEADLINE_MS;
      return call("testOcppConnection", serial, request, deadline + TEST_REQUEST_MARGIN_MS);
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    throw new DeviceManagerUnavailableError(`HTTP ${response.status}, body is not JSON`);
  }
}

export type DeviceManagerClient = ReturnType<typeof createDeviceManagerClient>;
