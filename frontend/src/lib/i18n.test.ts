import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";

import en from "../locales/en.json";
import sv from "../locales/sv.json";
import { initI18n } from "./i18n";

describe("the reader's language", () => {
  it("is fetched alone, and another language when the reader switches to it", async () => {
    localStorage.setItem("polku.language", "sv");
    const instance = createInstance();
    await initI18n(undefined, instance);

    expect(instance.language).toBe("sv");
    expect(instance.t("app.language")).toBe(sv.app.language);
    expect(instance.hasResourceBundle("fi", "translation")).toBe(false);
    expect(instance.hasResourceBundle("en", "translation")).toBe(false);

    await instance.changeLanguage("en");
    expect(instance.t("app.language")).toBe(en.app.language);
    expect(instance.hasResourceBundle("fi", "translation")).toBe(false);
  });

  it("is Finnish when none was chosen or the stored one is not offered", async () => {
    localStorage.setItem("polku.language", "de");
    const instance = createInstance();
    await initI18n(undefined, instance);

    expect(instance.language).toBe("fi");
    expect(instance.hasResourceBundle("fi", "translation")).toBe(true);
    expect(instance.hasResourceBundle("sv", "translation")).toBe(false);
  });
});
