import { describe, expect, it } from "vitest";
import {
  applyLocalList,
  EMPTY_LIST,
  effectiveInfo,
  lookUpLocally,
  reportedVersion,
  updateCache,
  withoutListedTags,
  type CacheEntry,
  type LocalList,
} from "./authorization";

const limits = { maxLength: 3, maxPerMessage: 2 };
const accepted = { status: "Accepted" as const };
const list: LocalList = {
  version: 2,
  entries: [
    { idTag: "LIST1", idTagInfo: accepted },
    { idTag: "BLOCK", idTagInfo: { status: "Blocked" } },
  ],
};

describe("authorisation cache and local list (§3.5)", () => {
  it("the local list wins over the cache; either can be disabled; expiry makes Expired", () => {
    const cache: CacheEntry[] = [
      { idTag: "list1", idTagInfo: { status: "Invalid" }, at: 0 },
      { idTag: "C1", idTagInfo: accepted, at: 0 },
    ];
    const options = { list, listEnabled: true, cache, cacheEnabled: true };
    expect(lookUpLocally("LIST1", options, 0)).toEqual({ source: "list", info: accepted });
    expect(lookUpLocally("c1", options, 0)).toEqual({ source: "cache", info: accepted });
    expect(lookUpLocally("LIST1", { ...options, listEnabled: false }, 0)?.info.status).toBe(
      "Invalid",
    );
    expect(lookUpLocally("C1", { ...options, cacheEnabled: false }, 0)).toBeUndefined();
    expect(
      effectiveInfo({ status: "Accepted", expiryDate: "2020-01-01T00:00:00Z" }, Date.now()).status,
    ).toBe("Expired");
  });

  it("cache updates: listed tags never enter, invalid ones leave first when full, then the oldest", () => {
    expect(updateCache([], list, "LIST1", accepted, 1)).toEqual([]);
    const full: CacheEntry[] = [
      { idTag: "A", idTagInfo: accepted, at: 1 },
      { idTag: "B", idTagInfo: { status: "Blocked" }, at: 5 },
    ];
    expect(updateCache(full, EMPTY_LIST, "C", accepted, 9, 2).map((e) => e.idTag)).toEqual([
      "A",
      "C",
    ]);
    const allValid: CacheEntry[] = [
      { idTag: "A", idTagInfo: accepted, at: 3 },
      { idTag: "B", idTagInfo: accepted, at: 1 },
    ];
    expect(updateCache(allValid, EMPTY_LIST, "C", accepted, 9, 2).map((e) => e.idTag)).toEqual([
      "A",
      "C",
    ]);
    expect(
      updateCache(allValid, EMPTY_LIST, "a", { status: "Blocked" }, 9, 2).map((e) => e.idTag),
    ).toEqual(["B", "a"]);
    expect(withoutListedTags([{ idTag: "list1", idTagInfo: accepted, at: 0 }], list)).toEqual([]);
  });

  it("SendLocalList: Full replaces, Differential adds/updates/deletes when newer", () => {
    const full = applyLocalList(
      list,
      {
        listVersion: 1,
        updateType: "Full",
        localAuthorizationList: [{ idTag: "N", idTagInfo: accepted }],
      },
      limits,
    );
    expect(full).toEqual({
      status: "Accepted",
      list: { version: 1, entries: [{ idTag: "N", idTagInfo: accepted }] },
    });
    const diff = applyLocalList(
      list,
      {
        listVersion: 3,
        updateType: "Differential",
        localAuthorizationList: [{ idTag: "block" }, { idTag: "NEW", idTagInfo: accepted }],
      },
      limits,
    );
    expect(diff.list.entries.map((e) => e.idTag)).toEqual(["LIST1", "NEW"]);
    expect(
      applyLocalList(list, { listVersion: 2, updateType: "Differential" }, limits).status,
    ).toBe("VersionMismatch");
    expect(applyLocalList(list, { listVersion: 3, updateType: "Differential" }, limits)).toEqual({
      status: "Accepted",
      list: { ...list, version: 3 },
    });
  });

  it("Failed: reserved versions, too many, duplicates, Full entries without idTagInfo, over the maximum length", () => {
    const entry = (idTag: string) => ({ idTag, idTagInfo: accepted });
    expect(applyLocalList(list, { listVersion: 0, updateType: "Full" }, limits).status).toBe(
      "Failed",
    );
    expect(
      applyLocalList(
        list,
        {
          listVersion: 5,
          updateType: "Full",
          localAuthorizationList: [entry("a"), entry("b"), entry("c")],
        },
        limits,
      ).status,
    ).toBe("Failed");
    expect(
      applyLocalList(
        list,
        { listVersion: 5, updateType: "Full", localAuthorizationList: [entry("a"), entry("A")] },
        limits,
      ).status,
    ).toBe("Failed");
    expect(
      applyLocalList(
        list,
        { listVersion: 5, updateType: "Full", localAuthorizationList: [{ idTag: "a" }] },
        limits,
      ).status,
    ).toBe("Failed");
    const big: LocalList = { version: 2, entries: [entry("1"), entry("2"), entry("3")] };
    expect(
      applyLocalList(
        big,
        { listVersion: 3, updateType: "Differential", localAuthorizationList: [entry("4")] },
        limits,
      ),
    ).toEqual({ status: "Failed", list: big });
  });

  it("reports version 0 for an empty list (§5.10)", () => {
    expect(reportedVersion(list)).toBe(2);
    expect(reportedVersion({ version: 7, entries: [] })).toBe(0);
  });
});
