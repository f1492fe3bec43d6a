import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import { CONSEQUENCES, NEGLECT_KINDS, RECIPIENTS, STATEMENT_REQUEST_STATES, STATEMENT_STATES } from "./api/types";

const NAMED: [string, readonly string[]][] = [
  ["kind", NEGLECT_KINDS],
  ["states", STATEMENT_STATES],
  ["recipients", RECIPIENTS],
  ["consequence", CONSEQUENCES],
];

describe("statements translations", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("%s names every value the service gives", (_language, words) => {
    const statements = words.statements as unknown as Record<string, Record<string, string>>;
    for (const [group, values] of NAMED) {
      for (const value of values) expect(statements[group]?.[value], `${group}.${value}`).toBeTruthy();
    }
    const requests = statements.requests as unknown as Record<string, Record<string, string>>;
    for (const state of STATEMENT_REQUEST_STATES) expect(requests.states?.[state], `requests.${state}`).toBeTruthy();
  });

  it("has the same keys in Finnish, Swedish and English", () => {
    const keys = (value: object, prefix = ""): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        typeof inner === "object" && inner !== null ? keys(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(keys(sv.statements).sort()).toEqual(keys(fi.statements).sort());
    expect(keys(en.statements).sort()).toEqual(keys(fi.statements).sort());
  });
});
