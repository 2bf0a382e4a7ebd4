import { describe, expect, it } from "vitest";
import type { LocalSecrets } from "./secrets";
import type { StartPlan } from "./start-plan";
import { serviceSpecs } from "./supervise";

const plan: StartPlan = {
  root: "/repo",
  dataDir: "/repo/.data",
  port: 3000,
  ports: { deviceManager: 3100, demoCsms: 9000, fleet: 3300 },
  fleetShards: 1,
  provisionDir: "/repo/.data/fleet-inbox",
  portalDataDir: "/repo/.data/portal",
  seededSerials: [],
  demoCsmsPolicies: "{}",
  readyLines: [],
};
const secrets = {
  NEXTAUTH_SECRET: "n",
  DEVICE_MANAGER_TOKEN: "t",
  DEVICE_EVENTS_SECRET: "e",
  DEVICE_MANAGER_SECRET_KEY: "k",
  PLUGBOARD_FACTORY_KEY: "f",
} satisfies LocalSecrets;

describe("how npm start runs each service", () => {
  it("runs every service from its plain-JavaScript bundle, never through a loader", () => {
    for (const spec of Object.values(serviceSpecs(plan, secrets, {})).flat()) {
      expect(spec.args.at(-1)).toMatch(/^\/repo\/\.build\/(services|scripts)\/[a-z-]+\.mjs$/);
      expect(spec.args.join(" ")).not.toContain("tsx");
    }
  });

  it("trades speed for memory on the embedded database and the small services only", () => {
    const specs = serviceSpecs(plan, secrets, {});
    expect(specs["device-manager"].args).toContain("--liftoff-only");
    expect(specs.portal.args).toContain("--liftoff-only");
    expect(specs["demo-csms"].args).toEqual(expect.arrayContaining(["--no-opt"]));
    expect(specs.fleet[0]!.args).toEqual(expect.arrayContaining(["--no-opt"]));
  });

  it("maps stack traces to the sources in every service but the portal (its maps weigh ~50 MiB)", () => {
    const specs = serviceSpecs(plan, secrets, {});
    expect(specs.portal.args).not.toContain("--enable-source-maps");
    for (const spec of [specs["device-manager"], specs["demo-csms"], ...specs.fleet])
      expect(spec.args).toContain("--enable-source-maps");
  });

  it("compiles at full speed when the portal or the device manager is on PostgreSQL", () => {
    const specs = serviceSpecs(plan, secrets, {
      DATABASE_URL: "postgres://db/portal",
      DEVICE_MANAGER_DATABASE_URL: "postgres://db/devices",
    });
    expect(specs.portal.args).not.toContain("--liftoff-only");
    expect(specs["device-manager"].args).not.toContain("--liftoff-only");
  });

  it("gives the portal its secrets, and the device manager only its own", () => {
    const specs = serviceSpecs(plan, secrets, {});
    expect(specs.portal.env.NEXTAUTH_SECRET).toBe("n");
    expect(specs["device-manager"].env.NEXTAUTH_SECRET).toBeUndefined();
    expect(specs["device-manager"].env.DEVICE_MANAGER_TOKEN).toBe("t");
    expect(specs.fleet[0]!.env.DEVICE_MANAGER_TOKEN).toBeUndefined();
  });

  it("runs the fleet as one process, or one per shard with its own directory and port", () => {
    const [whole] = serviceSpecs(plan, secrets, {}).fleet;
    expect(whole!.name).toBe("fleet");
    expect(whole!.env).toMatchObject({
      FLEET_STATE_DIR: "/repo/.data/fleet",
      FLEET_SHARD: "0/1",
      FLEET_HEALTH_PORT: "3300",
    });
    const shards = serviceSpecs({ ...plan, fleetShards: 3 }, secrets, {}).fleet;
    expect(
      shards.map((spec) => [spec.name, spec.env.FLEET_STATE_DIR, spec.env.FLEET_SHARD]),
    ).toEqual([
      ["fleet-0", "/repo/.data/fleet/shard-0", "0/3"],
      ["fleet-1", "/repo/.data/fleet/shard-1", "1/3"],
      ["fleet-2", "/repo/.data/fleet/shard-2", "2/3"],
    ]);
    expect(shards.map((spec) => spec.env.FLEET_HEALTH_PORT)).toEqual(["3300", "3301", "3302"]);
    // One shared inbox: each shard takes its own chargers from it.
    expect(new Set(shards.map((spec) => spec.env.FLEET_PROVISION_DIR)).size).toBe(1);
  });
});
