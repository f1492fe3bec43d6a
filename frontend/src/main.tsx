import "hds-core/lib/base.min.css";
import "./app/app.css";
import "./lib/i18n";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app";
import { createUserManager } from "./lib/auth";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App manager={createUserManager()} />
  </StrictMode>,
);
