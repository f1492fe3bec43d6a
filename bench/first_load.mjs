// The SPA's first load: time to the coach's first useful screen in headless Chromium on a throttled network.
//
// Signs the demo coach in through the issuer's own form, then loads the coach's home in a fresh browser context
// (the session copied into its sessionStorage, the HTTP cache disabled, the network throttled through CDP) and
// records, in the page, when the caseload heading and when the morning filters with their counts first appear,
// and the JavaScript bytes transferred before each. Runs against POLKU_E2E_BASE_URL or --url; started by
// `make bench-first-load` inside `polku-dev stack`, which serves frontend/dist.
//
//   node bench/first_load.mjs [--url URL] [--runs 5] [--label after] [--json FILE]

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";

const require = createRequire(new URL("../frontend/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    runs: { type: "string", default: "5" },
    label: { type: "string", default: "current" },
    json: { type: "string" },
  },
});
const baseUrl = options.url ?? process.env.POLKU_E2E_BASE_URL;
if (!baseUrl) throw new Error("give --url or run inside `polku-dev stack` (POLKU_E2E_BASE_URL)");

// Fast 3G as Chromium's DevTools defines it: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
  connectionType: "cellular3g",
};

// Runs in the page before any of its scripts: notes the first moment each marker is in the document.
function watchMarkers() {
  const marks = {};
  const check = () => {
    const now = performance.now();
    const heading = document.querySelector("h1");
    if (marks.heading === undefined && heading && heading.textContent.trim() === "Omat asiakkaat") {
      marks.heading = now;
    }
    if (marks.filters === undefined) {
      // The morning filters with their counts: the caseload's data has arrived.
      const counted = [...document.querySelectorAll("button")].some((button) =>
        /^Palvelutarve arvioimatta \(\d+\)$/.test(button.textContent.trim()),
      );
      if (counted) marks.filters = now;
    }
    if (marks.heading !== undefined && marks.filters !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  window.__firstLoad = marks;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const browser = await chromium.launch({
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
});
try {
  // The real sign-in, unthrottled: the issuer's form, then the session the SPA keeps in sessionStorage.
  const signIn = await browser.newContext({ baseURL: baseUrl, locale: "fi-FI" });
  const page = await signIn.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByLabel("Käyttäjätunnus").fill("coach");
  await page.getByLabel("Salasana").fill("demo");
  await page.getByRole("button", { name: "Kirjaudu" }).click();
  await page.getByRole("heading", { level: 1, name: "Omat asiakkaat" }).waitFor();
  const session = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  await signIn.close();

  const runs = [];
  for (let run = 0; run < Number(options.runs); run += 1) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: "fi-FI" });
    await context.addInitScript((entries) => {
      for (const [key, value] of JSON.parse(entries)) sessionStorage.setItem(key, value);
    }, session);
    await context.addInitScript(watchMarkers);
    const fresh = await context.newPage();
    const cdp = await context.newCDPSession(fresh);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    await fresh.goto("/", { waitUntil: "commit" });
    await fresh.getByRole("heading", { level: 1, name: "Omat asiakkaat" }).waitFor({ timeout: 120_000 });
    await fresh.waitForFunction(() => window.__firstLoad.filters !== undefined, null, { timeout: 120_000 });
    const result = await fresh.evaluate(() => {
      const { heading, filters } = window.__firstLoad;
      const scripts = performance
        .getEntriesByType("resource")
        .filter((entry) => new URL(entry.name).pathname.endsWith(".js"));
      const before = (moment) => scripts.filter((entry) => entry.responseEnd <= moment);
      const sum = (entries) => entries.reduce((total, entry) => total + entry.transferSize, 0);
      return {
        heading_ms: heading,
        filters_ms: filters,
        js_bytes_before_heading: sum(before(heading)),
        js_files_before_heading: before(heading).length,
        js_bytes_before_filters: sum(before(filters)),
        js_files_before_filters: before(filters).length,
      };
    });
    runs.push(result);
    console.log(
      `run ${run + 1}: heading ${result.heading_ms.toFixed(0)} ms, filters ${result.filters_ms.toFixed(0)} ms, ` +
        `JS before heading ${(result.js_bytes_before_heading / 1000).toFixed(1)} kB in ${result.js_files_before_heading} files, ` +
        `before filters ${(result.js_bytes_before_filters / 1000).toFixed(1)} kB in ${result.js_files_before_filters} files`,
    );
    await context.close();
  }

  const summary = {
    label: options.label,
    network: NETWORK,
    runs,
    heading_ms: { median: median(runs.map((r) => r.heading_ms)), max: Math.max(...runs.map((r) => r.heading_ms)) },
    filters_ms: { median: median(runs.map((r) => r.filters_ms)), max: Math.max(...runs.map((r) => r.filters_ms)) },
    js_kb_before_heading: median(runs.map((r) => r.js_bytes_before_heading)) / 1000,
    js_kb_before_filters: median(runs.map((r) => r.js_bytes_before_filters)) / 1000,
  };
  console.log(
    `${summary.label}: heading median ${summary.heading_ms.median.toFixed(0)} ms (max ${summary.heading_ms.max.toFixed(0)}), ` +
      `filters median ${summary.filters_ms.median.toFixed(0)} ms (max ${summary.filters_ms.max.toFixed(0)}), ` +
      `JS before heading ${summary.js_kb_before_heading.toFixed(1)} kB, before filters ${summary.js_kb_before_filters.toFixed(1)} kB`,
  );
  if (options.json) writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await browser.close();
}
