import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import {
  APPLICATION_KINDS,
  CLIENT_STATUSES,
  CONSEQUENCES,
  DATA_CATEGORIES,
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  EDUCATION_LEVELS,
  INTERVIEW_CHANNELS,
  LANGUAGE_LEVELS,
  MORNING_FILTERS,
  PLAN_TYPES,
  SERVICE_NEEDS,
  TARGET_GROUPS,
  WORK_ABILITIES,
} from "./api/types";
import { LANGUAGE_CODES } from "../../lib/languages";
import { NAMED_EVENT_TYPES } from "./components/timeline-section";

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
  ["educationLevel", EDUCATION_LEVELS],
  ["languageLevel", LANGUAGE_LEVELS],
  ["serviceNeed", SERVICE_NEEDS],
  ["workAbility", WORK_ABILITIES],
  ["morningFilter", MORNING_FILTERS],
  ["timelineEvent", NAMED_EVENT_TYPES],
  ["applicationKind", APPLICATION_KINDS],
  ["consequence", CONSEQUENCES],
];

describe("names of the API's values", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("every value the client screens show has a name in %s", (_, resource) => {
    const missing = NAMED.flatMap(([group, values]) =>
      values
        .filter((value) => typeof (resource as Record<string, Record<string, unknown>>)[group]?.[value] !== "string")
        .map((value) => `${group}.${value}`),
    );
    expect(missing).toEqual([]);
  });
});
