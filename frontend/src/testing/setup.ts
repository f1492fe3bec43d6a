import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";

import { initI18n } from "../lib/i18n";
import { setMunicipalities } from "../lib/municipalities";
import en from "../locales/en.json";
import fi from "../locales/fi.json";
import sv from "../locales/sv.json";
import { TEST_MUNICIPALITIES } from "./municipalities";

// The app fetches only the reader's language (lib/i18n.ts); the tests have all three at once, in Finnish first, so
// a test renders and switches language without waiting for a fetch.
void initI18n({ fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } });

// Waiting for the page to settle may take longer than a second on a busy two-core machine; a wait that ends
// sooner still ends at once, so this only spares the tests from failing for the machine's load.
configure({ asyncUtilTimeout: 5000 });

// The app shows its pages once the municipality classification has arrived; so do the tests.
beforeEach(() => {
  setMunicipalities(TEST_MUNICIPALITIES);
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});
