import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import {
  CLIENT_STATUSES,
  DATA_CATEGORIES,
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  INTERVIEW_CHANNELS,
  PLAN_TYPES,
  TARGET_GROUPS,
} from "./api/types";
import { LANGUAGE_CODES } from "./components/register-page";

const NAMED: [string, readonly string[]][] = [
  ["status", CLIENT_STATUSES],
  ["targetGroup", TARGET_GROUPS],
  ["deadlineKind", DEADLINE_KINDS],
  ["deadlineStatus", DEADLINE_STATUSES],
  ["channel", INTERVIEW_CHANNELS],
  ["planType", PLAN_TYPES],
  ["dataCategory", DATA_CATEGORIES],
  ["language", LANGUAGE_CODES],
  ["ruleSet", ["nordic-2022", "reform-2026"]],
];

describe("names of the API's values", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("every value the client screens show has a name in %s", (_, resource) => {
    const missing = NAMED.flatMap(([group, values]) =>
      values.filter((value) => typeof (resource as Record<string, Record<string, unknown>>)[group]?.[value] !== "string").map((value) => `${group}.${value}`),
    );
    expect(missing).toEqual([]);
  });
});
