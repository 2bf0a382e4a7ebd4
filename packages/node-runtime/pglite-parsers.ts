// drizzle's PGlite driver passes the same type parsers with every query (timestamps, dates,
// intervals and some arrays kept as text, for drizzle to map itself), and PGlite merges them
// into a fresh copy of its own parsers — 318 of them once the array types are loaded — on
// every query: a small query allocated 174 KB instead of 50. Sampled while idle (heap
// profiler, objects collected included), PGlite's result parsing was half of all the device
// manager allocated (3.5 of 6.8 MB in 90 s) and 56 % of the portal (29 of 52 MB a minute),
// and idle garbage is what creeps into the old space (docs/benchmarks.md, "memory").
//
// So an embedded database gets drizzle's parsers once, on the instance, and the client drizzle
// is given drops the identical per-query copies: the same results, without the copy.
// No import of PGlite here: a process on PostgreSQL never loads it (database.ts).

type Parser = (value: string, typeId?: number) => unknown;
type QueryOptions = { parsers?: Record<number, Parser> } & Record<string, unknown>;

const keepText: Parser = (value) => value;

/** The types drizzle-orm's PGlite session keeps as text (drizzle-orm/pglite/session.js). */
export const DRIZZLE_TEXT_TYPES: readonly number[] = [
  1114, // timestamp
  1184, // timestamptz
  1186, // interval
  1082, // date
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];

interface ParsingClient {
  parsers: Record<number | string, Parser>;
}

/**
 * Installs drizzle's text parsers on a PGlite instance (after its array types are loaded,
 * which would replace the array ones) and returns the client to give drizzle.
 */
export function forDrizzle<T extends ParsingClient>(client: T): T {
  for (const type of DRIZZLE_TEXT_TYPES) client.parsers[type] = keepText;
  return withoutRepeatedParsers(client);
}

/** Per-query parsers that only repeat what the instance already does are left out. */
export function withoutInstalledParsers(options: unknown): unknown {
  if (typeof options !== "object" || options === null) return options;
  const { parsers, ...rest } = options as QueryOptions;
  if (!parsers) return options;
  const types = Object.keys(parsers).map(Number);
  const repeated =
    types.length === DRIZZLE_TEXT_TYPES.length &&
    types.every((type) => DRIZZLE_TEXT_TYPES.includes(type));
  return repeated ? rest : options;
}

/** The client, its transactions too, with query options passed through withoutInstalledParsers. */
function withoutRepeatedParsers<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      // The real instance as receiver: PGlite's methods use private fields.
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === "query")
        return (query: unknown, params: unknown, options: unknown) =>
          method.call(object, query, params, withoutInstalledParsers(options));
      if (property === "transaction")
        return (callback: (tx: object) => unknown) =>
          method.call(object, (tx: object) => callback(withoutRepeatedParsers(tx)));
      return method.bind(object);
    },
  });
}
