import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import { AUDIT_ACTIONS } from "./api/types";

const keys = (value: object, prefix = ""): string[] =>
  Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === "object" && inner !== null ? keys(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe("data protection, hand-over and partner network translations", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("%s names every audit action the services give", (_language, words) => {
    for (const action of AUDIT_ACTIONS) expect(words.privacy.action[action], action).toBeTruthy();
  });

  it.each(["privacy", "handover", "partners"] as const)(
    "%s has the same keys in Finnish, Swedish and English",
    (name) => {
      expect(keys(sv[name]).sort()).toEqual(keys(fi[name]).sort());
      expect(keys(en[name]).sort()).toEqual(keys(fi[name]).sort());
    },
  );
});
