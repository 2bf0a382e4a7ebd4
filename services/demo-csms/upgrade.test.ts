import { describe, expect, it } from "vitest";
import { parseOcppPath } from "./upgrade";

describe("parseOcppPath", () => {
  it("takes the percent-decoded identity after /ocpp/", () => {
    expect(parseOcppPath("/ocpp/CP001")).toEqual({ ok: true, identity: "CP001" });
    expect(parseOcppPath("/ocpp/RDAM%20123?x=1")).toEqual({ ok: true, identity: "RDAM 123" });
    expect(parseOcppPath("/ocpp/a%23b%2Fc")).toEqual({ ok: true, identity: "a#b/c" });
  });

  it.each(["/", "/ocpp", "/ocpp/", "/other/CP1", "/ocpp/a/b", "/health"])(
    "answers 404 for %s",
    (url) => {
      expect(parseOcppPath(url)).toMatchObject({ ok: false, status: 404 });
    },
  );

  it("answers 400 for a broken percent-encoding", () => {
    expect(parseOcppPath("/ocpp/%E0%A4%A")).toMatchObject({ ok: false, status: 400 });
  });
});
