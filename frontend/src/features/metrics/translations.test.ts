import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import { GROUPS, PAGES, REGIONS, SHOWN_INDICATORS } from "./api/types";

const NAMED: [string, readonly string[]][] = [
  ["group", GROUPS],
  ["indicator", SHOWN_INDICATORS],
  ["region", REGIONS],
  ["unit", ["persons", "percent", "days", "hours", "events", "euros"]],
  ["kind", ["stock", "flow"]],
];

describe("metrics translations", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("%s names every value the page shows", (_language, words) => {
    const metrics = words.metrics as unknown as Record<string, Record<string, string>>;
    for (const [group, values] of NAMED) {
      for (const value of values) expect(metrics[group]?.[value], `${group}.${value}`).toBeTruthy();
    }
    const pages = metrics.pages as unknown as Record<string, Record<string, string>>;
    for (const page of PAGES) {
      expect(pages[page]?.title, `pages.${page}.title`).toBeTruthy();
      expect(pages[page]?.intro, `pages.${page}.intro`).toBeTruthy();
    }
  });

  it("has the same keys in Finnish, Swedish and English", () => {
    const keys = (value: object, prefix = ""): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        typeof inner === "object" && inner !== null ? keys(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(keys(sv.metrics).sort()).toEqual(keys(fi.metrics).sort());
    expect(keys(en.metrics).sort()).toEqual(keys(fi.metrics).sort());
  });
});
