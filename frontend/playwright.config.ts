import { defineConfig } from "@playwright/test";

// The harness (`make test-e2e`) starts the real stack behind the gateway on a free port and sets
// POLKU_E2E_BASE_URL. Chromium is Debian's: Playwright's own browser downloads are not used.
export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.POLKU_E2E_BASE_URL ?? "http://localhost:8080",
    locale: "fi-FI",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
