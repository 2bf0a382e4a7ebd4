import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./write";

describe("CSV cells", () => {
  it("leaves plain text alone and empties null", () => {
    expect(csvCell("charger.restart")).toBe("charger.restart");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("true");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it.each(["=1+1", "+33 6 12", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")'])(
    "guards %j against running as a formula",
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted).toBe(`'${value}`);
    },
  );

  it("guards and quotes together", () => {
    expect(csvCell('=cmd|" /C calc"!A0,')).toBe(`"'=cmd|"" /C calc""!A0,"`);
  });

  it("writes dates as ISO 8601 and objects as JSON", () => {
    expect(csvCell(new Date("2025-01-02T03:04:05.000Z"))).toBe("2025-01-02T03:04:05.000Z");
    expect(csvCell({ plan: "basic", note: "a,b" })).toBe('"{""plan"":""basic"",""note"":""a,b""}"');
  });

  it("ends each row with CRLF", () => {
    expect(csvRow(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });
});
