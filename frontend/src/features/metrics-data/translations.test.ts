import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import { BUDGET_CATEGORIES, BUDGET_CLASSES, DESTINATIONS, FOLLOW_UP_BY, IMPORT_KINDS, ORIGINS } from "./api/types";
import { IMPORT_SHAPES } from "./components/import-shapes";

const NAMED: [string, readonly string[]][] = [
  ["kind", IMPORT_KINDS],
  ["budgetClass", BUDGET_CLASSES],
  ["budgetCategory", BUDGET_CATEGORIES],
  ["destination", DESTINATIONS],
  ["followUpBy", FOLLOW_UP_BY],
  ["origin", ORIGINS],
  ["column", Object.values(IMPORT_SHAPES).flatMap((shape) => shape.columns.map((column) => column.key))],
];

describe("metricsData translations", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("%s names every value the pages show", (_language, words) => {
    const namespace = words.metricsData as unknown as Record<string, Record<string, string>>;
    for (const [group, values] of NAMED) {
      for (const value of values) expect(namespace[group]?.[value], `${group}.${value}`).toBeTruthy();
    }
  });

  it("has the same keys in Finnish, Swedish and English", () => {
    const keys = (value: object, prefix = ""): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        typeof inner === "object" && inner !== null ? keys(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(keys(sv.metricsData).sort()).toEqual(keys(fi.metricsData).sort());
    expect(keys(en.metricsData).sort()).toEqual(keys(fi.metricsData).sort());
  });
});
