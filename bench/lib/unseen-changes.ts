// Which status changes did not reach every browser stream, and why. The live view sends each
// browser a charger's current status, not every change (lib/live/hub.ts coalesces
// notifications and reads the rows): a change followed at once by a newer change of the same
// charger may never be shown, and that is the view working. A change not seen everywhere with
// no newer change of its charger soon after is lost.

/** A newer change of the same charger within this long supersedes an unseen one. */
export const SUPERSEDE_WINDOW_MS = 1_000;

/** One status change as the charger sent it: [serial, message, sent at (ms)]. */
export type SentChange = [serial: string, message: string, sentAt: number];

export interface UnseenChanges {
  /** Not on every stream, and a newer change of the charger followed within the window. */
  superseded: number;
  /** Not on every stream, and no newer change of the charger followed within the window. */
  lost: SentChange[];
}

/** `seenBy`: for each message, on how many of the `streams` it arrived. */
export function unseenChanges(
  sent: readonly SentChange[],
  seenBy: Readonly<Record<string, number>>,
  streams: number,
): UnseenChanges {
  const bySerial = new Map<string, SentChange[]>();
  for (const change of sent) {
    const list = bySerial.get(change[0]) ?? [];
    list.push(change);
    bySerial.set(change[0], list);
  }
  let superseded = 0;
  const lost: SentChange[] = [];
  for (const changes of bySerial.values()) {
    changes.sort((a, b) => a[2] - b[2]);
    changes.forEach((change, index) => {
      if ((seenBy[change[1]] ?? 0) >= streams) return;
      const next = changes[index + 1];
      if (next && next[2] - change[2] <= SUPERSEDE_WINDOW_MS) superseded += 1;
      else lost.push(change);
    });
  }
  return { superseded, lost };
}
