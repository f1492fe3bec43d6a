import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import en from "./en.json";
import fi from "./fi.json";
import sv from "./sv.json";

const SOURCE = join(__dirname, "..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function has(resource: unknown, key: string): boolean {
  const lookup = (path: string) =>
    path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resource);
  return (
    typeof lookup(key) === "string" ||
    (typeof lookup(`${key}_one`) === "string" && typeof lookup(`${key}_other`) === "string")
  );
}

describe("translation keys used in the code", () => {
  const used = new Set<string>();
  for (const file of sourceFiles(SOURCE)) {
    for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([\w.-]+)"/g)) used.add(match[1]);
  }

  it("finds the keys it checks", () => {
    expect(used.size).toBeGreaterThan(100);
    expect(used).toContain("plan.conflictTitle");
  });

  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("every literal key exists in %s", (_, resource) => {
    expect([...used].filter((key) => !has(resource, key))).toEqual([]);
  });
});
