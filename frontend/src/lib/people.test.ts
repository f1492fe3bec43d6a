import { describe, expect, it } from "vitest";

import i18n from "./i18n";
import { savedBy } from "./people";

describe("savedBy", () => {
  it("names the reader as you, another person by name, and falls back only where no name was kept", async () => {
    await i18n.changeLanguage("fi");
    expect(savedBy(i18n.t, "me", "me", "Aino Valmentaja")).toBe("sinä");
    expect(savedBy(i18n.t, "coach-2", "me", "Ville Valmentaja")).toBe("Ville Valmentaja");
    expect(savedBy(i18n.t, "coach-2", "me", null)).toBe(i18n.t("plan.byOther"));
  });
});
