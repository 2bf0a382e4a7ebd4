import { describe, expect, it } from "vitest";
import { RecentCalls } from "./recent-calls";

describe("RecentCalls", () => {
  const all = () => true;

  it("keeps everything, oldest first, until full", () => {
    const recent = new RecentCalls<number>(3);
    recent.push(1);
    recent.push(2);
    expect(recent.filter(all)).toEqual([1, 2]);
  });

  it("drops the oldest once full, still oldest first", () => {
    const recent = new RecentCalls<number>(3);
    for (let i = 1; i <= 7; i++) recent.push(i);
    expect(recent.filter(all)).toEqual([5, 6, 7]);
    recent.push(8);
    expect(recent.filter(all)).toEqual([6, 7, 8]);
  });

  it("filters in order", () => {
    const recent = new RecentCalls<number>(4);
    for (let i = 1; i <= 6; i++) recent.push(i);
    expect(recent.filter((n) => n % 2 === 0)).toEqual([4, 6]);
  });

  it("refuses a capacity below one", () => {
    expect(() => new RecentCalls(0)).toThrow(RangeError);
  });
});
