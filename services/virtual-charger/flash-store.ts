// Serialised flash writes for one charger: every write waits for the previous one, and
// persist() requests coalesce (one pending write carries every change made before it starts).
import { chargerDir, writeFlash, type Flash, type FlashBank } from "./flash";
import type { StationState } from "./station/persisted";

export class FlashStore {
  private chain: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  private current: Flash;

  constructor(
    private readonly stateDir: string,
    flash: Flash,
    /** The station part, taken at the moment a write starts. */
    private readonly station: () => StationState | undefined,
    /** Where the flash was read from; unknown: the first write reads the banks to find out. */
    private stored?: FlashBank,
  ) {
    this.current = withoutStation(flash);
  }

  /**
   * The flash as last written, without its station part: that lives in the charger's station
   * (read from the flash once, at start) and is taken again at every write. Keeping a copy per
   * charger was heap a fleet of 10,000 chargers held for nothing.
   */
  get flash(): Flash {
    return this.current;
  }

  /** Writes `next` (with the live station state) after earlier writes; throws if it fails. */
  save(next: Flash): Promise<void> {
    const write = this.chain.then(() => this.write(next));
    this.chain = write.catch(() => undefined);
    return write;
  }

  /** Writes the current flash with the live station state, coalescing with a queued write. */
  persist(): Promise<void> {
    if (this.pending) return this.pending;
    const write = this.chain.then(() => {
      this.pending = null;
      return this.write(this.current);
    });
    this.pending = write;
    this.chain = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every write requested so far is on disk (or failed). */
  settled(): Promise<void> {
    return this.chain;
  }

  private async write(next: Flash): Promise<void> {
    const station = this.station();
    const full: Flash = station ? { ...next, station } : next;
    const dir = chargerDir(this.stateDir, full.identity.serialNumber);
    this.stored = await writeFlash(dir, full, this.stored);
    this.current = withoutStation(next);
  }
}

function withoutStation(flash: Flash): Flash {
  if (flash.station === undefined) return flash;
  const { station: _station, ...rest } = flash;
  return rest;
}
