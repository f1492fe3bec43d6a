import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import { ASSIGNMENT_ACTIONS, CANCELLING_PARTIES, SEARCH_END_REASONS } from "./api/types";

const NAMED: [string, readonly string[]][] = [
  ["party", CANCELLING_PARTIES],
  ["action", ASSIGNMENT_ACTIONS],
  ["endReason", SEARCH_END_REASONS],
];

describe("coachwork translations", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("%s names every value the service gives", (_language, words) => {
    const coachwork = words.coachwork as unknown as Record<string, Record<string, string>>;
    for (const [group, values] of NAMED) {
      for (const value of values) expect(coachwork[group]?.[value], `${group}.${value}`).toBeTruthy();
    }
  });

  it("has the same keys in Finnish, Swedish and English", () => {
    const keys = (value: object, prefix = ""): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        typeof inner === "object" && inner !== null ? keys(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(keys(sv.coachwork).sort()).toEqual(keys(fi.coachwork).sort());
    expect(keys(en.coachwork).sort()).toEqual(keys(fi.coachwork).sort());
  });
});
