import { describe, expect, it } from "vitest";

import i18n from "../../lib/i18n";
import { fieldErrorMessage } from "../../lib/form-errors";

const temporary = {
  field: "body.personal_identity_code",
  code: "temporary_identity_code",
  message: "a temporary identity code (individual number 900-999) cannot register a client",
};

describe("a temporary identity code refused at registration", () => {
  it.each([
    ["fi", "Tämä on väliaikainen henkilötunnus"],
    ["sv", "Detta är en tillfällig personbeteckning"],
    ["en", "This is a temporary identity code"],
  ])("is named temporary in %s, not a wrong check character", async (language, expected) => {
    await i18n.changeLanguage(language);
    const message = fieldErrorMessage(i18n.t, "register", "personal_identity_code", temporary);
    expect(message.startsWith(expected)).toBe(true);
  });
});
