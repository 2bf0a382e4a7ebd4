// Sends any central-system message to a charger connected to the demo central system, by hand:
//   npx tsx services/demo-csms/cli.ts [--url http://127.0.0.1:9000] [--token T] list
//   npx tsx services/demo-csms/cli.ts [--url …] <identity> <Action> ['<JSON payload>']
//   npx tsx services/demo-csms/cli.ts [--url …] <identity> messages
// The payload is checked against the OCPP 1.6 schema by the server (400 with the reason).
import { CS_TO_CP_ACTIONS } from "./http-api";

const USAGE = `usage: cli.ts [--url http://127.0.0.1:9000] [--token T] list | <identity> messages | <identity> <Action> ['<json>']
actions: ${CS_TO_CP_ACTIONS.join(", ")}`;

export interface CliRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
}

/** Turns arguments into one HTTP request; throws a usage error for anything else. */
export function parseCliArgs(argv: string[]): { url: string; token?: string; request: CliRequest } {
  const args = [...argv];
  let url = process.env.DEMO_CSMS_URL ?? "http://127.0.0.1:9000";
  let token = process.env.DEMO_CSMS_ADMIN_TOKEN;
  for (let i = 0; i < args.length;) {
    if (args[i] === "--url" && args[i + 1]) [url] = args.splice(i, 2).slice(1) as [string];
    else if (args[i] === "--token" && args[i + 1]) [token] = args.splice(i, 2).slice(1) as [string];
    else i += 1;
  }
  const [first, second, payload] = args;
  const base = { url: url.replace(/\/+$/, ""), ...(token ? { token } : {}) };
  if (first === "list" && args.length === 1)
    return { ...base, request: { method: "GET", path: "/api/chargers" } };
  if (!first || !second) throw new Error(USAGE);
  const identity = encodeURIComponent(first);
  if (second === "messages")
    return { ...base, request: { method: "GET", path: `/api/chargers/${identity}/messages` } };
  if (!/^[A-Za-z]+$/.test(second)) throw new Error(USAGE);
  if (payload !== undefined) JSON.parse(payload); // fails early with a clear message
  return {
    ...base,
    request: {
      method: "POST",
      path: `/api/chargers/${identity}/calls/${second}`,
      body: payload ?? "{}",
    },
  };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(
      error instanceof SyntaxError
        ? `invalid JSON payload: ${error.message}`
        : (error as Error).message,
    );
    process.exit(2);
  }
  const { url, token, request } = parsed;
  const response = await fetch(url + request.path, {
    method: request.method,
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await response.text();
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    console.log(text);
  }
  process.exit(response.ok ? 0 : 1);
}

if (process.argv[1] && /cli\.ts$/.test(process.argv[1])) {
  main().catch((error: Error) => {
    console.error(`demo-csms cli: ${error.message}`);
    process.exit(1);
  });
}
