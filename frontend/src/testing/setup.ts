import "@testing-library/jest-dom/vitest";
import "../lib/i18n";

import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// Waiting for the page to settle may take longer than a second on a busy two-core machine; a wait that ends
// sooner still ends at once, so this only spares the tests from failing for the machine's load.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
