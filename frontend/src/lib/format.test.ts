import { afterEach, describe, expect, it } from "vitest";

import i18n from "./i18n";
import {
  dateInputValue,
  formatDate,
  formatNumber,
  formatTime,
  helsinkiInstant,
  parseDateInput,
  parseTimeInput,
} from "./format";

describe("formats as written in Finland", () => {
  afterEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("writes dates day first in Finnish and in Swedish, never the ISO form of Sweden", async () => {
    await i18n.changeLanguage("fi");
    expect(formatDate("2026-12-03")).toBe("3.12.2026");
    await i18n.changeLanguage("sv");
    expect(formatDate("2026-12-03")).toBe("3.12.2026");
    expect(dateInputValue("2026-12-03")).toBe("3.12.2026");
    await i18n.changeLanguage("en");
    expect(formatDate("2026-12-03")).toBe("03/12/2026");
    expect(dateInputValue("2026-12-03")).toBe("03/12/2026");
  });

  it("writes numbers with a comma and a space in Finnish and Swedish", async () => {
    await i18n.changeLanguage("fi");
    expect(formatNumber(1234.5).replace(/\s/g, " ")).toBe("1 234,5");
    await i18n.changeLanguage("sv");
    expect(formatNumber(1234.5).replace(/\s/g, " ")).toBe("1 234,5");
  });

  it("writes times in Helsinki time", async () => {
    await i18n.changeLanguage("fi");
    expect(formatTime("2026-12-03T07:30:00Z")).toBe("9.30");
  });

  it("reads dates as typed in Finland, and refuses days not in the calendar", () => {
    expect(parseDateInput("3.12.2026")).toBe("2026-12-03");
    expect(parseDateInput("03.12.2026")).toBe("2026-12-03");
    expect(parseDateInput("03/12/2026")).toBe("2026-12-03");
    expect(parseDateInput("2026-12-03")).toBe("2026-12-03");
    expect(parseDateInput("31.2.2026")).toBeNull();
    expect(parseDateInput("12/3")).toBeNull();
  });

  it("reads times with a dot or a colon", () => {
    expect(parseTimeInput("9.30")).toBe("09:30");
    expect(parseTimeInput("14:05")).toBe("14:05");
    expect(parseTimeInput("9")).toBe("09:00");
    expect(parseTimeInput("24.00")).toBeNull();
  });

  it("turns a Helsinki wall-clock time into the instant, in winter and in summer", () => {
    expect(helsinkiInstant("2026-12-03", "09:30")).toBe("2026-12-03T07:30:00.000Z");
    expect(helsinkiInstant("2026-06-15", "09:30")).toBe("2026-06-15T06:30:00.000Z");
  });
});
