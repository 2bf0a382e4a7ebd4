// One virtual charger: its lifecycle (running → restarting → running), its two connections
// (device channel to the device manager, OCPP 1.6J link to its central system), its OCPP-side
// state (the station: connectors, sessions, configuration…) and the serialised handling of
// commands. State lives in flash; this object holds only live status.
import { parsePartNumber } from "@plugboard/wallbox";
import type { OcppStatus } from "@plugboard/device-contract";
import type {
  ChargerFrame,
  CommandFrame,
  HelloFrame,
  ManagerFrame,
  OcppTestFrame,
  ReportedStatePatch,
} from "@plugboard/device-contract";
import {
  answerAgain,
  commandHandlers,
  failCommand,
  sendPendingResults,
  type CommandContext,
  type CommandHandler,
} from "./commands";
import type { ChargerEnvironment, ChargerLifecycle, ChargerSummary } from "./charger-types";
import { DeviceChannel, type ChannelState } from "./device-channel";
import {
  findCommand,
  type ChargerIdentity,
  type CommandRecord,
  type Flash,
  type FlashBank,
} from "./flash";
import { FlashStore } from "./flash-store";
import type { OcppLink } from "./ocpp/ocpp-link";
import { createChargerLink } from "./charger-link";
import { answerFromLiveLink, runOcppTest, type OcppTestAnswer } from "./ocpp-test";
import { createChargerStation } from "./charger-station";
import { applyFeatureEffects } from "./feature-effects";
import { portalControl, type PortalControl } from "./portal-control";
import {
  ackFrame,
  CONNECTING,
  DISABLED,
  helloFrame,
  reportedOcppStatus,
  resultFrame,
  sameOcppStatus,
} from "./reported-state";
import { stationModel } from "./sim/model";
import { prepareReboot } from "./station/remote";
import { acknowledgeReport, resendReports } from "./station/charging-session-reports";
import type { Station } from "./station/station";

export type { ChargerEnvironment, ChargerLifecycle, ChargerSummary } from "./charger-types";

/** How long a reboot waits for StopTransaction.conf of a transaction it ends. */
const REBOOT_STOP_WAIT_MS = 2_000;

export class VirtualCharger implements CommandContext {
  lifecycle: ChargerLifecycle = "stopped";
  ocpp: OcppStatus = DISABLED;
  readonly station: Station;
  private readonly store: FlashStore;
  private channel: DeviceChannel | null = null;
  private link: OcppLink | null = null;
  private work: Promise<void> = Promise.resolve();
  private pauseTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | null = null;
  private updating = false;
  /** The portal features' meaning, decoded once per change (see portal-control.ts). */
  private portal: PortalControl | null = null;
  /**
   * OCPP statuses the device manager has not heard yet, oldest first: the one the charger
   * booted with and every change while the device channel was down. The next hello carries
   * the first and state frames the rest, so the device manager records the real sequence
   * (Connecting before Connected) even when the OCPP link was faster than the channel.
   */
  private unreportedOcpp: OcppStatus[] = [];
  /** The "Test connection" in progress (at most one), aborted if the charger goes down. */
  private ocppTest: AbortController | null = null;

  constructor(
    private readonly env: ChargerEnvironment,
    flash: Flash,
    /** Where `flash` was read from (see flash.ts); unknown, the first write finds out. */
    stored?: FlashBank,
  ) {
    this.store = new FlashStore(env.stateDir, flash, () => this.station?.snapshot(), stored);
    this.station = createChargerStation(
      this,
      stationModel(flash.identity.partNumber),
      flash.station,
    );
  }

  /** Only part numbers with an OCPP version code have OCPP (decoded on demand: no copy kept). */
  get ocppCapable(): boolean {
    const decoded = parsePartNumber(this.flash.identity.partNumber);
    return decoded.ok && decoded.value.ocppCapable;
  }

  get ocppEnabled(): boolean {
    return this.flash.ocpp.enabled && this.ocppCapable;
  }

  get serial(): string {
    return this.flash.identity.serialNumber;
  }
  get flash(): Flash {
    return this.store.flash;
  }
  get partNumber(): string {
    return this.flash.identity.partNumber;
  }

  get channelState(): ChannelState {
    return this.channel?.state ?? "offline";
  }

  /**
   * Still coming up: its device-channel handshake or its OCPP connection and boot is in
   * flight. A charger waiting to retry (its server unreachable) is not: the fleet's paced
   * start-up does not wait for it.
   */
  get comingUp(): boolean {
    return (this.channel?.handshaking ?? false) || this.ocpp.status === "connecting";
  }

  start(): void {
    if (this.lifecycle !== "stopped") return;
    this.boot();
  }

  /** Powers the charger off: both connections closed, flash writes in progress finished. */
  async stop(): Promise<void> {
    this.lifecycle = "stopped";
    this.wakeUp();
    await this.shutdown(1001, "fleet shutting down");
    await this.work;
    await this.store.settled();
  }

  /** New credentials or data from the portal for this serial: store them and reconnect. */
  updateIdentity(identity: ChargerIdentity): Promise<void> {
    return this.enqueue(async () => {
      const old = this.flash.identity;
      const same = (Object.keys(identity) as (keyof ChargerIdentity)[]).every(
        (key) => identity[key] === old[key],
      );
      if (same) return;
      await this.saveFlash({ ...this.flash, identity });
      if (this.lifecycle !== "running") return;
      await this.channel?.stop(1012, "credentials updated");
      this.channel = this.openChannel();
    });
  }

  summary(): ChargerSummary {
    return {
      serial: this.serial,
      partNumber: this.partNumber,
      firmwareVersion: this.flash.identity.firmwareVersion,
      lifecycle: this.lifecycle,
      channel: this.channelState,
      ocpp: this.ocpp,
      appliedConfigVersion: this.flash.appliedConfigVersion,
    };
  }

  // ── device channel callbacks ───────────────────────────────────────────────────────────

  helloFrame(): HelloFrame {
    const lifecycle = this.updating
      ? "updating"
      : this.lifecycle === "restarting"
        ? "restarting"
        : "running";
    return helloFrame(this.flash, lifecycle, this.unreportedOcpp[0] ?? this.ocpp, {
      connectors: this.station.connectorsReport(),
      hmi: this.station.hmi(),
    });
  }

  onConnected(): void {
    // The hello carried the first unreported status; the later ones follow in order.
    const later = this.unreportedOcpp.slice(1);
    this.unreportedOcpp = [];
    for (const ocpp of later) this.report({ ocpp });
    resendReports(this.station);
    // enqueue catches and logs every failure of the queued work
    void this.enqueue(() => (this.lifecycle === "running" ? sendPendingResults(this) : undefined));
  }

  onFrame(frame: ManagerFrame): void {
    if (frame.type === "error")
      return this.log(`device manager error ${frame.code}: ${frame.message}`);
    if (frame.type === "session_ack")
      return acknowledgeReport(this.station, frame.sessionId, frame.reportSeq);
    // Not a command: outside the command queue, so a test never waits behind a restart.
    if (frame.type === "ocpp_test") return this.testOcppConnection(frame);
    // enqueue catches and logs every failure of the queued work
    void this.enqueue(() => this.handleCommand(frame));
  }

  onInvalidCommand(commandId: string, problem: string): void {
    // enqueue catches and logs every failure of the queued work
    void this.enqueue(async () => {
      if (this.lifecycle !== "running") return;
      const known = findCommand(this.flash, commandId);
      if (known) return answerAgain(known, this);
      await failCommand({ commandId, kind: "unknown" }, this, `invalid command: ${problem}`);
    });
  }

  log(line: string): void {
    this.env.log(`[${this.serial}] ${line}`);
  }

  // ── command context and station owner ──────────────────────────────────────────────────

  portalControl(): PortalControl {
    return (this.portal ??= portalControl(this.flash.features, this.ocppEnabled));
  }

  /** A feature was stored: lock, pause and current limit take effect at once. */
  featuresChanged(): void {
    const previous = this.portalControl();
    this.portal = null;
    applyFeatureEffects(this.station, previous);
  }

  saveFlash(next: Flash): Promise<void> {
    return this.store.save(next);
  }

  persistStation(): Promise<void> {
    return this.store.persist();
  }

  ack(commandId: string): void {
    this.send(ackFrame(commandId));
  }

  sendResult(record: CommandRecord): void {
    this.send(resultFrame(record));
  }

  report(patch: ReportedStatePatch): boolean {
    return this.send({ type: "state", ...patch });
  }

  send(frame: ChargerFrame): boolean {
    return this.channel?.send(frame) ?? false;
  }

  /** Ends transactions (Reboot) and clears the OCPP state a factory reset erases. */
  async resetStation(): Promise<void> {
    await prepareReboot(this.station, "Reboot", 0);
    this.station.factoryReset();
  }

  async reboot(why: string, options: { updating?: boolean } = {}): Promise<void> {
    if (this.lifecycle !== "running") return;
    this.log(`restarting: ${why}`);
    this.lifecycle = "restarting";
    this.updating = options.updating ?? false;
    this.report({ lifecycle: this.updating ? "updating" : "restarting" });
    await prepareReboot(this.station, "Reboot", this.link ? REBOOT_STOP_WAIT_MS : 0);
    await this.pause(this.env.shutdownGraceMs);
    await this.shutdown(1012, "restarting");
    await this.pause(this.env.restartDelayMs);
    if (this.lifecycle !== "restarting") return; // powered off meanwhile
    this.boot();
  }

  /** Runs `task` in the charger's queue (after commands in progress). */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.work = this.work
      .then(task)
      .catch((error: Error) => this.log(`task failed: ${error.message}`));
    return this.work;
  }

  /**
   * "Test connection" (ocpp-test.ts): answered from the live link when it runs with exactly
   * these settings (a second connection with the same identity would make many central
   * systems drop the first), else by a one-off connection. Flash is never touched.
   */
  private testOcppConnection(frame: OcppTestFrame): void {
    const answer = (result: OcppTestAnswer) =>
      this.send({ type: "ocpp_test_result", testId: frame.testId, ...result });
    if (this.lifecycle !== "running" || this.ocppTest)
      return void answer({ outcome: "busy", durationMs: 0 });
    if (!this.ocppCapable) {
      const message = `part number ${this.partNumber} has no OCPP version`;
      return void answer({
        outcome: "failed",
        reason: "ocpp_not_supported",
        message,
        durationMs: 0,
      });
    }
    const live = this.link ? answerFromLiveLink(this.flash.ocpp, this.ocpp, frame) : null;
    if (live) {
      this.log(`OCPP connection test answered by the live connection: ${live.outcome}`);
      return void answer(live);
    }
    const abort = new AbortController();
    this.ocppTest = abort;
    // runOcppTest turns every failure into an answer: it never rejects
    void runOcppTest(frame, this.flash.identity, abort.signal, (line) => this.log(line))
      .then(answer)
      .finally(() => {
        if (this.ocppTest === abort) this.ocppTest = null;
      });
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  private boot(): void {
    this.lifecycle = "running";
    this.updating = false;
    this.portal = null; // OCPP on or off changes what the features mean
    this.ocpp = DISABLED;
    // The channel opens after the link starts: the status it boots with waits for the hello.
    this.unreportedOcpp = [DISABLED];
    this.station.start();
    this.startLink();
    this.channel = this.openChannel();
    this.log(`running (OCPP ${this.ocpp.status})`);
  }

  private openChannel(): DeviceChannel {
    const { serialNumber, deviceSecret } = this.flash.identity;
    const channel = new DeviceChannel(this.env.channel, serialNumber, deviceSecret, this);
    channel.start();
    return channel;
  }

  private async shutdown(code: number, reason: string): Promise<void> {
    this.ocppTest?.abort();
    this.ocppTest = null;
    const { channel, link } = this;
    this.channel = null;
    this.link = null;
    await Promise.all([channel?.stop(code, reason), link?.stop()]);
  }

  private startLink(): void {
    if (!this.ocppEnabled) return;
    this.ocpp = CONNECTING;
    // Before the link starts: a link that fails at once (a bad URL) reports after Connecting.
    this.unreportedOcpp = [CONNECTING];
    const link: OcppLink = createChargerLink(this.env, this.flash, this.station, {
      onStatus: (status) => {
        if (this.link === link) this.setOcpp(reportedOcppStatus(status));
      },
      // enqueue catches and logs every failure of the queued work
      onReset: (type) => void this.enqueue(() => this.reboot(`OCPP ${type} reset`)),
    });
    this.link = link;
    link.start();
  }

  private setOcpp(status: OcppStatus): void {
    if (sameOcppStatus(this.ocpp, status)) return;
    this.ocpp = status;
    const why = status.reason ? ` (${status.reason})` : "";
    this.log(`OCPP ${status.status}${why}`);
    if (!this.report({ ocpp: status })) {
      // Kept for the next hello; a charger offline for long keeps the first and latest few.
      this.unreportedOcpp.push(status);
      if (this.unreportedOcpp.length > 8) this.unreportedOcpp.splice(1, 1);
    }
  }

  private async handleCommand(command: CommandFrame): Promise<void> {
    // Not acknowledged: the device manager sends it again on the next connection.
    if (this.lifecycle !== "running") return;
    const known = findCommand(this.flash, command.commandId);
    if (known) return answerAgain(known, this);
    this.log(`command ${command.kind} ${command.commandId}`);
    const handler = commandHandlers[command.kind] as CommandHandler<CommandFrame["kind"]>;
    await handler(command, this);
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0 || this.lifecycle === "stopped") return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.pauseTimer = setTimeout(() => this.wakeUp(), ms);
    });
  }

  private wakeUp(): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
