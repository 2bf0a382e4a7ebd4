// Spreads bursts of work over event-loop turns: at most `perTurn` callers continue in one turn,
// the rest in the turns after, in arrival order. A batch of arrivals resolving at once (their
// credential reads, their claims) otherwise completed every WebSocket upgrade in one turn: a
// socket write each, and in the reconnect-storm benchmark turns of 200–350 ms in which no
// timer, ping or command could run.

export class TurnBudget {
  private used = 0;
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

  /** Resolves in this turn if the budget allows, else in a later one. */
  take(): Promise<void> {
    if (this.waiting.length === 0 && this.used < this.perTurn) {
      this.used += 1;
      this.scheduleReset();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.scheduleReset();
    });
  }

  // setImmediate queued from a setImmediate callback runs in the next loop iteration: timers
  // and I/O get their turn between two shares.
  private scheduleReset(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.waiting.splice(0, this.perTurn);
      this.used = next.length;
      for (const resolve of next) resolve();
      if (this.used > 0) this.scheduleReset();
    });
  }
}
