import { describe, expect, it } from "vitest";
import { memoryUploads } from "./uploads";

describe("memoryUploads", () => {
  it("keeps the last uploads, the same name replacing the earlier file", async () => {
    const store = memoryUploads(2);
    await store.put("a.log", "first");
    await store.put("b.log", "second");
    await store.put("a.log", "again");
    await store.put("c.log", "third");
    expect((await store.list()).map((u) => u.name)).toEqual(["a.log", "c.log"]);
    expect(await store.get("b.log")).toBeUndefined();
    expect(await store.get("a.log")).toMatchObject({ text: "again", bytes: 5 });
  });
});
