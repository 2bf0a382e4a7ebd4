// The last N calls received, oldest first, in a ring: adding one is O(1). An array trimmed with
// splice(0, 1) moved all 10,000 kept calls on every call once full: at 30,000 chargers booting
// that was a few percent of a worker's time (CPU profile of the scale-out benchmark).
export class RecentCalls<T> {
  private readonly items: T[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("capacity must be at least 1");
  }

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The kept items that match, oldest first. */
  filter(keep: (item: T) => boolean): T[] {
    const full = this.items.length === this.capacity;
    const ordered = full
      ? [...this.items.slice(this.next), ...this.items.slice(0, this.next)]
      : this.items;
    return ordered.filter(keep);
  }
}
