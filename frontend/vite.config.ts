/// <reference types="vitest/config" />
import { createHash } from "node:crypto";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

import react from "@vitejs/plugin-react";
import type { OutputBundle } from "rollup";
import { defineConfig, type Plugin } from "vite";

// `npm run dev` serves the SPA on :5173 and forwards the API and the issuer to a running `make run`.
const gateway = process.env.POLKU_GATEWAY ?? "http://localhost:8080";

/**
 * The JavaScript a browser needs before the first screen: the entry chunk and the chunks it imports statically, in kB
 * gzip as vite reports them (1 kB = 1,000 bytes). 147.8 kB when set (hds-react and the languages' texts out of the
 * first chunk; the reader's language follows as its own chunk of about 33 kB); what is left is mostly react-dom,
 * oidc-client-ts, i18next, React Router and TanStack Query.
 */
const INITIAL_JS_BUDGET_KB = 160;
/** Packages that the first screen does without: hds-react and what it brings (its theming hook imports all of
 * lodash, its tooltip Popper, its notification react-spring). The first screen uses components/button and
 * components/text-field, styled by hds-core. */
const NOT_IN_INITIAL_JS =
  /\/node_modules\/(hds-react|lodash|@popperjs\/core|react-popper|@react-spring\/[^/]+|@react-aria\/[^/]+|react-aria)\//;

/** The languages' texts: each is its own chunk, and the first screen fetches only the reader's (src/lib/i18n.ts). */
const LOCALE_FILE = /\/src\/locales\/[^/]+\.json$/;

/** Fails the build, before anything is written, when the first screen's JavaScript passes its budget or holds a
 * package it does without or a language's texts; logs the figure otherwise. */
function initialChunkBudget(): Plugin {
  return {
    name: "polku:initial-chunk-budget",
    apply: "build",
    // After vite's own generateBundle hooks (the preload lists of the lazy imports), so the code is as written.
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const chunks = new Map(
          Object.values(bundle).flatMap((output) =>
            output.type === "chunk" ? [[output.fileName, output] as const] : [],
          ),
        );
        const initial = new Set<string>();
        const visit = (fileName: string) => {
          if (initial.has(fileName) || !chunks.has(fileName)) return;
          initial.add(fileName);
          chunks.get(fileName)!.imports.forEach(visit);
        };
        [...chunks.values()].filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
        const bytes = [...initial].reduce((total, fileName) => total + gzipSync(chunks.get(fileName)!.code).length, 0);
        const kilobytes = bytes / 1000;
        const unwanted = [
          ...new Set(
            [...initial].flatMap((fileName) =>
              Object.entries(chunks.get(fileName)!.modules)
                .filter(([id, module]) => module.renderedLength > 0 && NOT_IN_INITIAL_JS.test(id))
                .map(([id]) => `${fileName}: ${id.slice(id.lastIndexOf("/node_modules/") + 1).split("?")[0]}`),
            ),
          ),
        ];
        const locales = [
          ...new Set(
            [...initial].flatMap((fileName) =>
              Object.entries(chunks.get(fileName)!.modules)
                .filter(([id, module]) => module.renderedLength > 0 && LOCALE_FILE.test(id.split("?")[0]))
                .map(([id]) => id)
                .map((id) => `${fileName}: ${id.slice(id.lastIndexOf("/src/") + 1).split("?")[0]}`),
            ),
          ),
        ];
        const figure = `${kilobytes.toFixed(1)} kB gzip in ${initial.size} file(s), budget ${INITIAL_JS_BUDGET_KB} kB`;
        if (locales.length) {
          this.error(
            `The first screen's JavaScript holds a language's texts (${figure}):\n  ${locales.join("\n  ")}` +
              `\nImport the locale files only through the loaders of src/lib/i18n.ts, which fetch the reader's language.`,
          );
        }
        if (unwanted.length) {
          this.error(
            `The first screen's JavaScript holds packages it does without (${figure}):\n  ${unwanted.slice(0, 20).join("\n  ")}` +
              `\nUse components/button and components/text-field there, or load the part with React.lazy.`,
          );
        }
        if (kilobytes > INITIAL_JS_BUDGET_KB) {
          this.error(
            `The first screen's JavaScript is over its budget: ${figure}. Load what the coach's home does not show ` +
              `with React.lazy, or raise INITIAL_JS_BUDGET_KB in vite.config.ts with the reason.`,
          );
        }
        this.info(`initial JavaScript: ${figure}`);
      },
    },
  };
}

/** A small classic script that adds a `modulepreload` for the chunk of the reader's language (the one lib/i18n.ts
 * stored, else Finnish), under a name that changes with the chunks' names. */
function languagePreloadScript(bundle: OutputBundle, base: string) {
  const files = Object.fromEntries(
    Object.values(bundle).flatMap((output) =>
      output.type === "chunk" && output.facadeModuleId && LOCALE_FILE.test(output.facadeModuleId)
        ? [[basename(output.facadeModuleId, ".json"), base + output.fileName]]
        : [],
    ),
  );
  const source =
    `(function(){var f=${JSON.stringify(files)},l=null;try{l=localStorage.getItem("polku.language")}catch(e){}` +
    `var k=document.createElement("link");k.rel="modulepreload";k.href=f[l]||f.fi;document.head.appendChild(k)})();\n`;
  const hash = createHash("sha256").update(source).digest("base64url").slice(0, 8);
  return { fileName: `assets/language-${hash}.js`, source };
}

/**
 * Fetches the reader's language beside the first chunk instead of after it: lib/i18n.ts imports it only once the
 * first chunk has arrived and run, a round trip later on a slow network. The page's head gets an `async` script (the
 * gateway's Content-Security-Policy allows no inline script) that adds a `modulepreload` for that language's chunk,
 * so the import finds it on its way or there.
 */
function preloadReaderLanguage(): Plugin {
  let base = "/";
  return {
    name: "polku:preload-reader-language",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const { fileName, source } = languagePreloadScript(bundle, base);
      this.emitFile({ type: "asset", fileName, source });
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        if (!context.bundle) return;
        const { fileName } = languagePreloadScript(context.bundle, base);
        return [{ tag: "script", attrs: { src: base + fileName, async: true }, injectTo: "head" }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), initialChunkBudget(), preloadReaderLanguage()],
  server: {
    proxy: {
      "/api": { target: gateway, changeOrigin: false },
      "/auth": { target: gateway, changeOrigin: false },
    },
  },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // A form test types and waits through several answers; on a busy two-core machine that can pass 5 s.
    testTimeout: 20000,
  },
});
