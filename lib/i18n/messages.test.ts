// Every locale says everything English says, with the same placeholders, in valid ICU.
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { loadMessages } from "./messages";

const MESSAGES_DIR = path.resolve(__dirname, "../../messages");

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

/** The names of a message's arguments ({name}, {count, plural, …}, <tag>…</tag>). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

describe("messages", async () => {
  const english = leaves((await loadMessages("en")) as unknown as Tree);

  it("has a file per part of the portal, the same in every locale, all loaded", () => {
    const files = (locale: string) =>
      fs
        .readdirSync(path.join(MESSAGES_DIR, locale))
        .filter((f) => f.endsWith(".json"))
        .sort();
    for (const locale of LOCALES) expect(files(locale), locale).toEqual(files("en"));
    const namespaces = files("en").map((f) => f.replace(/\.json$/, ""));
    expect(english.size).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const index = fs.readFileSync(path.join(MESSAGES_DIR, locale, "index.ts"), "utf8");
      for (const ns of namespaces) expect(index, `${locale}/index.ts`).toContain(`./${ns}.json`);
    }
  });

  it.each(LOCALES.filter((l) => l !== "en"))(
    "%s has every English key, no other, with the same arguments",
    async (locale) => {
      const translated = leaves((await loadMessages(locale)) as unknown as Tree);
      const missing = [...english.keys()].filter((k) => !translated.has(k));
      const extra = [...translated.keys()].filter((k) => !english.has(k));
      expect(missing, `keys missing in ${locale}`).toEqual([]);
      expect(extra, `keys in ${locale} that English does not have`).toEqual([]);
      for (const [key, text] of translated) {
        const expected = argumentsOf(parse(english.get(key)!));
        expect(argumentsOf(parse(text)), `${locale}: ${key}`).toEqual(expected);
      }
    },
  );

  it.each(LOCALES)("%s: every message is valid ICU and not empty", async (locale) => {
    for (const [key, text] of leaves((await loadMessages(locale)) as unknown as Tree)) {
      expect(text.trim(), `${locale}: ${key}`).not.toBe("");
      expect(() => parse(text), `${locale}: ${key}`).not.toThrow();
    }
  });
});
