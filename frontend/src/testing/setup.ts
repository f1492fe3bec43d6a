import "@testing-library/jest-dom/vitest";
import "../lib/i18n";

import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";

import { setMunicipalities } from "../lib/municipalities";
import { TEST_MUNICIPALITIES } from "./municipalities";

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
