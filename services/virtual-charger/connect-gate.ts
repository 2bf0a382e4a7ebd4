// At most `limit` connection attempts of one fleet process in flight, first or retry, device
// channel or OCPP. Pacing only the first start was not enough at 100,000 chargers: once the
// machine was saturated, attempts timed out, and their retries (each charger on its own
// backoff) opened sockets beside the first attempts, which then timed out too; the rate fell
// from 125 to 40 connected a second. With one gate for every attempt, a slow server makes
// attempts wait their turn instead of piling up.

/** Given to the opener; ends its hold on the gate (once: later calls do nothing). */
export type LeaveGate = () => void;

/** The leave of an attempt that holds no gate. */
export const noGate: LeaveGate = () => undefined;

/** `gate.enter(open)`, or `open` at once when there is no gate (a charger on its own). */
export function throughGate(gate: ConnectGate | undefined, open: (leave: LeaveGate) => void): void {
  if (gate) gate.enter(open);
  else open(noGate);
}

export class ConnectGate {
  private inFlight = 0;
  /** Openers waiting their turn, oldest first (`head` is the next; compacted as it moves). */
  private waiting: Array<(leave: LeaveGate) => void> = [];
  private head = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`a connect gate needs a limit of at least 1, not ${limit}`);
  }

  /** Attempts holding the gate now. */
  get active(): number {
    return this.inFlight;
  }

  /** Attempts waiting their turn. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /**
   * Runs `open` now if fewer than `limit` attempts are in flight, else once one leaves. `open`
   * must call its `leave` when the attempt is over (connected and booted, or failed); an
   * opener that has nothing to do any more (its charger stopped) calls it at once.
   */
  enter(open: (leave: LeaveGate) => void): void {
    if (this.inFlight >= this.limit) return void this.waiting.push(open);
    this.inFlight += 1;
    this.run(open);
  }

  /** Runs `open` in a slot already counted in `inFlight`. */
  private run(open: (leave: LeaveGate) => void): void {
    let held = true;
    const leave = () => {
      if (!held) return;
      held = false;
      this.inFlight -= 1;
      this.next();
    };
    try {
      open(leave);
    } catch (error) {
      leave();
      throw error;
    }
  }

  private next(): void {
    if (this.head >= this.waiting.length || this.inFlight >= this.limit) return;
    const open = this.waiting[this.head]!;
    this.head += 1;
    if (this.head >= 1024 && this.head * 2 >= this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    // The slot is taken now (a second leave cannot hand it out again), the opener runs on the
    // next turn: not inside the leaver's call stack (a socket's close handler), where a chain
    // of attempts failing at once would recurse.
    this.inFlight += 1;
    setImmediate(() => this.run(open));
  }
}
