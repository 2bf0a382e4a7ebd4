import { defineConfig } from "@playwright/test";
import { E2E_CSMS_POLICIES, E2E_FACTORY_KEY } from "./e2e/support/constants";

const port = Number(process.env.E2E_PORT ?? 3210);
// The e2e stack's own ports, so it can run beside an `npm start` demo.
const servicePorts = {
  DEVICE_MANAGER_PORT: String(port + 1),
  DEMO_CSMS_PORT: String(port + 2),
  FLEET_HEALTH_PORT: String(port + 3),
};

// Browser tests through the whole stack in Debian's Chromium (never a downloaded browser).
export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "npx tsx e2e/support/serve.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      E2E_PORT: String(port),
      ...servicePorts,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PLUGBOARD_FACTORY_KEY: E2E_FACTORY_KEY,
      // The throttle test poses as another client through X-Forwarded-For.
      PLUGBOARD_TRUST_PROXY: "1",
      DEMO_CSMS_EXTRA_POLICIES: JSON.stringify(E2E_CSMS_POLICIES),
      // Long enough to see "Restarting…", short enough for the tests.
      FLEET_RESTART_DELAY_MS: "1000",
      // Streams end and reconnect often, so the catch-up test can drop one.
      LIVE_STREAM_MAX_AGE_MS: "4000",
      // The alerts spec's webhook receiver listens on 127.0.0.1; its rule is checked every 2 s.
      PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE: "1",
      PLUGBOARD_ALERTS_TICK_MS: "2000",
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
