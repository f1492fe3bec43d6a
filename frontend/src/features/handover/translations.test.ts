import { describe, expect, it } from "vitest";

import en from "../../locales/en.json";
import fi from "../../locales/fi.json";
import sv from "../../locales/sv.json";
import { HANDOVER_CONFLICTS } from "./api/types";

describe("hand-over translations", () => {
  it.each([
    ["fi", fi],
    ["sv", sv],
    ["en", en],
  ])("%s names every hand-over conflict the service gives", (_language, words) => {
    for (const slug of HANDOVER_CONFLICTS) expect(words.handover.conflict[slug], slug).toBeTruthy();
  });
});
