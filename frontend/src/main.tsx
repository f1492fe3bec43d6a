import "hds-core/lib/base.min.css";
import "./app/app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app";
import { createUserManager } from "./lib/auth";
import { initI18n } from "./lib/i18n";

// The first screen renders once the reader's language has arrived (its own chunk), so it never shows a key.
void initI18n().finally(() => {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App manager={createUserManager()} />
    </StrictMode>,
  );
});
