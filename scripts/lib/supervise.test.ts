import { describe, expect, it } from "vitest";
import type { LocalSecrets } from "./secrets";
import type { StartPlan } from "./start-plan";
import { serviceSpecs } from "./supervise";

const plan: StartPlan = {
  root: "/repo",
  dataDir: "/repo/.data",
  port: 3000,
  ports: { deviceManager: 3100, demoCsms: 9000, fleet: 3300 },
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
    for (const spec of Object.values(serviceSpecs(plan, secrets, {}))) {
      expect(spec.args.at(-1)).toMatch(/^\/repo\/\.build\/(services|scripts)\/[a-z-]+\.mjs$/);
      expect(spec.args.join(" ")).not.toContain("tsx");
    }
  });

  it("trades speed for memory on the embedded database and the small services only", () => {
    const specs = serviceSpecs(plan, secrets, {});
    expect(specs["device-manager"].args).toContain("--liftoff-only");
    expect(specs.portal.args).toContain("--liftoff-only");
    expect(specs["demo-csms"].args).toEqual(expect.arrayContaining(["--no-opt"]));
    expect(specs.fleet.args).toEqual(expect.arrayContaining(["--no-opt"]));
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
    expect(specs.fleet.env.DEVICE_MANAGER_TOKEN).toBeUndefined();
  });
});
