// The services npm start runs are bundles executed by plain node: they must start without
// the tsx loader (no TypeScript, no "@/" paths left) and find their files (migrations).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCRIPT_ENTRIES, scriptBundle, type ScriptName } from "./build-paths";
import {
  bundleServices,
  SERVICE_ENTRIES,
  serviceBundle,
  type ServiceName,
} from "./bundle-services";

const root = path.resolve(import.meta.dirname, "..", "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Runs a bundle with plain node until a line matches; resolves with the output so far. */
function runUntil(bundle: string, env: Record<string, string>, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], {
      cwd: root,
      env: { ...process.env, ...env, NODE_OPTIONS: "" },
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no line matching ${pattern}:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!pattern.test(output)) return;
      clearTimeout(timer);
      child.kill("SIGTERM");
      child.once("exit", () => resolve(output));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!pattern.test(output)) reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

describe("service bundles", () => {
  it("bundles every service and copies the device manager's migrations beside them", () => {
    bundleServices(root);
    for (const name of Object.keys(SERVICE_ENTRIES) as ServiceName[]) {
      const text = fs.readFileSync(serviceBundle(root, name), "utf8");
      expect(text).not.toMatch(/from "@\//); // every path alias resolved
    }
    for (const name of Object.keys(SCRIPT_ENTRIES) as ScriptName[]) {
      const text = fs.readFileSync(scriptBundle(root, name), "utf8");
      expect(text).not.toMatch(/from "@\//);
    }
    const migrations = path.join(path.dirname(serviceBundle(root, "device-manager")), "migrations");
    expect(fs.readdirSync(migrations).some((file) => file.endsWith(".sql"))).toBe(true);
  });

  it("runs the demo central system and the device manager on plain node", async () => {
    bundleServices(root);
    const csms = await runUntil(
      serviceBundle(root, "demo-csms"),
      { DEMO_CSMS_PORT: String(await freePort()) },
      /OCPP 1\.6J endpoint/,
    );
    expect(csms).toContain("demo-csms");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plugboard-bundle-test-"));
    try {
      const dm = await runUntil(
        serviceBundle(root, "device-manager"),
        {
          DEVICE_MANAGER_PORT: String(await freePort()),
          DEVICE_MANAGER_DATA_DIR: dataDir,
          DEVICE_MANAGER_DATABASE_URL: "",
          DEVICE_MANAGER_TOKEN: "bundle-test-token-0123456789abcdef",
          DEVICE_MANAGER_SECRET_KEY: "0".repeat(64),
        },
        /listening on/,
      );
      expect(dm).toContain("device manager listening");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("runs the supervisor on plain node; without a start plan it says to run npm start", async () => {
    bundleServices(root);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plugboard-bundle-test-"));
    try {
      const output = await runUntil(
        scriptBundle(root, "supervise"),
        { PLUGBOARD_DATA_DIR: dataDir },
        /start-plan\.json is missing: run `npm start`/,
      );
      expect(output).not.toMatch(/Cannot find|ERR_/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
