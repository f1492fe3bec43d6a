import { describe, expect, it } from "vitest";

import en from "./en.json";
import fi from "./fi.json";
import sv from "./sv.json";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("translations", () => {
  it("Finnish, Swedish and English have exactly the same keys", () => {
    expect(keys(sv).sort()).toEqual(keys(fi).sort());
    expect(keys(en).sort()).toEqual(keys(fi).sort());
  });

  it("no translation is empty", () => {
    for (const resource of [fi, sv, en]) {
      const flat = JSON.stringify(resource);
      expect(flat).not.toContain('""');
    }
  });
});
