// A short client of Plugboard's REST API, typed from its OpenAPI document
// (examples/plugboard-api.d.ts, `npm run api:types`) with openapi-fetch: lists the chargers,
// turns OCPP on for one of them, and follows its status until it is connected.
//
//   PLUGBOARD_URL=http://127.0.0.1:3000 PLUGBOARD_TOKEN=pbt_… \
//     npx tsx examples/enable-ocpp.ts "<charger name>" ws://127.0.0.1:9000/ocpp <identity>
import createClient from "openapi-fetch";
import type { paths } from "./plugboard-api";

async function main(): Promise<number> {
  const [name, address, identity] = process.argv.slice(2);
  const base = process.env.PLUGBOARD_URL;
  const token = process.env.PLUGBOARD_TOKEN;
  if (!name || !address || !identity || !base || !token) {
    console.error(
      "usage: PLUGBOARD_URL=… PLUGBOARD_TOKEN=… enable-ocpp.ts <name> <url> <identity>",
    );
    return 2;
  }
  const api = createClient<paths>({
    baseUrl: new URL("/api/v1", base).href,
    headers: { Authorization: `Bearer ${token}` },
  });

  // Every page of the list, following the cursor.
  const all: Array<{ id: string; name: string; status: string }> = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET("/chargers", {
      params: { query: { cursor, limit: 100 } },
    });
    if (error) throw new Error(`listing chargers: ${error.title} ${error.detail ?? ""}`);
    all.push(...data.data);
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  for (const charger of all) console.log(`${charger.name}\t${charger.status}`);

  const charger = all.find((c) => c.name === name);
  if (!charger) throw new Error(`no charger named ${name}`);
  const put = await api.PUT("/chargers/{id}/ocpp-configuration", {
    params: {
      path: { id: charger.id },
      header: { "Idempotency-Key": `enable-${charger.id}-${identity}` },
    },
    body: { type: "ocpp", address, chargePointIdentity: identity, termsAccepted: true },
  });
  if (put.error) {
    throw new Error(
      `configuring: ${put.error.title}: ${JSON.stringify(put.error.errors ?? put.error.detail)}`,
    );
  }
  console.log(`sent: command ${put.data.commandId}`);

  // Its status, until connected (or an error, with the reason).
  let last = "";
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    const { data, error } = await api.GET("/chargers/{id}", {
      params: { path: { id: charger.id } },
    });
    if (error) throw new Error(`reading the charger: ${error.title}`);
    if (data.status !== last) console.log(`status: ${(last = data.status)}`);
    if (data.status === "connected") return 0;
    if (data.status === "error") {
      console.error(`error: ${data.ocpp.reason ?? "unknown"} ${data.ocpp.message ?? ""}`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error("not connected after 90 s");
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
