// ESLint for the SPA: type-aware TypeScript rules, the rules of hooks, accessibility of JSX, and the import
// boundaries (shared code -> features -> app; a feature reaches another only through its public index module).
// Formatting is Prettier's (eslint-config-prettier turns off the rules that would disagree with it).
import { readdirSync } from "node:fs";

import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { importX } from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Every folder of src/features is a feature, so that a new one is kept apart from the others without a list to
// remember to extend.
const FEATURES = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ["dist/", "src/client/generated/", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    extends: [jsxA11y.flatConfigs.recommended],
    settings: { "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "import-x/no-cycle": "error",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            // Shared code knows no feature and no route.
            {
              target: ["./src/lib", "./src/components", "./src/client"],
              from: ["./src/features", "./src/app"],
              message: "Shared code must not depend on a feature or on the app.",
            },
            // Features know no route.
            { target: "./src/features", from: "./src/app", message: "A feature must not depend on the app." },
            // A feature uses another feature only through its public module (features/<name>/index.ts).
            ...FEATURES.map((feature) => ({
              target: `./src/features/${feature}`,
              from: [`./src/features/!(${feature})/*/**`, `./src/features/!(${feature})/!(index).*`],
              message: "Import another feature only through its index module.",
            })),
          ],
        },
      ],
    },
  },
  {
    // Node-side config and the end-to-end tests run outside the browser.
    files: ["*.{js,ts}", "scripts/**", "e2e/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  // Plain JavaScript (this file, scripts/) is outside the TypeScript project.
  { files: ["**/*.{js,mjs}"], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);
