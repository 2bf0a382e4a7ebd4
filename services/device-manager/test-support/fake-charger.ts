// A tiny charger for tests: speaks the device channel over `ws`, records what it receives,
// and can acknowledge and apply commands the way a real charger would.
import WebSocket from "ws";
import type { HelloFrame, ManagerFrame } from "@plugboard/device-contract";

export interface FakeChargerOptions {
  baseUrl: string;
  serial: string;
  secret: string;
  /** Answer pings (default true); false simulates a charger that vanished silently. */
  autoPong?: boolean;
  /** Ack every command and apply it (default false). */
  autoApply?: boolean;
}

export const DEFAULT_HELLO: Omit<HelloFrame, "type"> = {
  firmware: "6.4.12",
  lifecycle: "running",
  appliedConfigVersion: 0,
  ocpp: { status: "disabled" },
  connectors: [{ id: 1, status: "Available" }],
  features: {},
};

export class FakeCharger {
  readonly received: ManagerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  appliedConfigVersion = 0;
  private listeners = new Set<() => void>();

  private constructor(
    readonly ws: WebSocket,
    private readonly options: FakeChargerOptions,
  ) {
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as ManagerFrame;
      this.received.push(frame);
      if (frame.type === "command" && options.autoApply) this.apply(frame);
      this.listeners.forEach((fn) => fn());
    });
  }

  /** Resolves once open; rejects with `{ status }` when the upgrade is refused. */
  static connect(options: FakeChargerOptions): Promise<FakeCharger> {
    const url = options.baseUrl.replace(/^http/, "ws") + "/device";
    const auth = Buffer.from(`${options.serial}:${options.secret}`).toString("base64");
    const ws = new WebSocket(url, {
      headers: { Authorization: `Basic ${auth}` },
      autoPong: options.autoPong ?? true,
    });
    const charger = new FakeCharger(ws, options);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(charger));
      ws.once("unexpected-response", (_req, res) => {
        reject(
          Object.assign(new Error(`upgrade refused: ${res.statusCode}`), {
            status: res.statusCode,
          }),
        );
        ws.terminate();
      });
      ws.once("error", reject);
    });
  }

  send(frame: unknown): void {
    if (Buffer.isBuffer(frame)) return this.ws.send(frame, { binary: true });
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  hello(overrides: Partial<Omit<HelloFrame, "type">> = {}): void {
    this.send({
      type: "hello",
      ...DEFAULT_HELLO,
      appliedConfigVersion: this.appliedConfigVersion,
      ...overrides,
    });
  }

  commands() {
    return this.received.filter((frame) => frame.type === "command");
  }

  errors() {
    return this.received.filter((frame) => frame.type === "error");
  }

  /** Waits until `predicate` holds over the frames received so far. */
  waitFor(predicate: (frames: ManagerFrame[]) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.received)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `fake charger ${this.options.serial}: timed out; got ${JSON.stringify(this.received)}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  apply(frame: Extract<ManagerFrame, { type: "command" }>): void {
    this.send({ type: "command_ack", commandId: frame.commandId });
    if (frame.kind === "set_ocpp_config" || frame.kind === "factory_reset") {
      this.appliedConfigVersion = frame.payload.configVersion;
      const ocpp =
        frame.kind === "set_ocpp_config" && frame.payload.enabled ? "connecting" : "disabled";
      this.send({
        type: "state",
        appliedConfigVersion: this.appliedConfigVersion,
        ocpp: { status: ocpp },
      });
    } else {
      this.send({ type: "command_result", commandId: frame.commandId, status: "applied" });
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000, "bye");
    await this.closed;
  }
}
