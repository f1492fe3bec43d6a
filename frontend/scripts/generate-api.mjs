// Generates the TypeScript types of each service's API from its OpenAPI document (written by `make openapi`).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

for (const file of readdirSync("openapi").filter((name) => name.endsWith(".json"))) {
  const name = file.replace(/\.json$/, "");
  execFileSync("npx", ["openapi-typescript", `openapi/${file}`, "-o", `src/client/generated/${name}.ts`], {
    stdio: "inherit",
  });
}
