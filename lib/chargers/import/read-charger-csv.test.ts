import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, readChargerCsv } from "./read-charger-csv";

const header = "serial_number,puk,part_number,name,site";

describe("readChargerCsv", () => {
  it("reads rows by column name, in any case and order, with a BOM and CRLF", () => {
    const read = readChargerCsv(
      '\uFEFFName, Part Number ,Serial Number,PUK\r\n"Bay, 1",PLP1-0-2-4-9,a-1,123\r\n\r\nBay 2,CMX2-0-2-4-8,A-2,\r\n',
    );
    expect(read).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          values: {
            serial_number: "a-1",
            puk: "123",
            part_number: "PLP1-0-2-4-9",
            name: "Bay, 1",
            site: "",
          },
        },
        {
          line: 4,
          values: {
            serial_number: "A-2",
            puk: "",
            part_number: "CMX2-0-2-4-8",
            name: "Bay 2",
            site: "",
          },
        },
      ],
    });
  });

  it.each([
    ["", "import.errors.empty"],
    [`${header}\n`, "import.errors.noRows"],
    ["serial,name\n1,a\n", "import.errors.columns"],
    [`${header},colour\n1,2,3,4,5,6\n`, "import.errors.columns"],
    ["serial_number,serial_number,part_number,name\n1,1,x,y\n", "import.errors.columns"],
    [`${header}\n1,2,3\n`, "import.errors.malformed.fieldCount"],
    [`${header}\n"1,2,3,4,5\n`, "import.errors.malformed.quote"],
    [`${header}\n1,2,3,4\u0000,5\n`, "import.errors.notText"],
  ])("refuses %j as a file (%s)", (text, key) => {
    const read = readChargerCsv(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.key).toBe(key);
  });

  it("refuses a file over the size or row limit before reading its rows", () => {
    const big = readChargerCsv("x".repeat(IMPORT_MAX_BYTES + 1));
    expect(!big.ok && big.error.key).toBe("import.errors.tooLarge");
    const rows = `${header}\n${"1,2,PLP1-0-2-4-9,n,\n".repeat(IMPORT_MAX_ROWS + 1)}`;
    const many = readChargerCsv(rows);
    expect(!many.ok && many.error.key).toBe("import.errors.tooManyRows");
  });

  it("never throws on junk: it answers rows or a file error", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (junk) => {
        const read = readChargerCsv(junk);
        if (!read.ok) expect(read.error.key).toMatch(/^import\.errors\./);
      }),
      { numRuns: 500 },
    );
  });
});
