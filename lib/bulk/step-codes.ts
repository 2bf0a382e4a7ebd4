// A job's steps on the wire: one letter per charger, in the job's order. The job page refetches
// about four times a second while chargers move; with every charger's name, serial number and
// identity an answer weighed 789 KiB at 5,000 chargers (bench/RESULTS.md), with a letter each
// it weighs 5 KB. The page already holds the names from its first render.
import { ITEM_STEPS, type ItemStep } from "./item-progress";

const FIRST = "a".charCodeAt(0);

export function encodeSteps(steps: readonly ItemStep[]): string {
  return steps.map((step) => String.fromCharCode(FIRST + ITEM_STEPS.indexOf(step))).join("");
}

/** The steps of an encoded string; a letter outside the alphabet is an error, not a guess. */
export function decodeSteps(code: string): ItemStep[] {
  return Array.from(code, (letter) => {
    const step = ITEM_STEPS[letter.charCodeAt(0) - FIRST];
    if (!step) throw new Error(`unknown step code "${letter}"`);
    return step;
  });
}
