import { zodResolver } from "@hookform/resolvers/zod";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";

import { isoDate } from "../lib/date-field";
import { errorProps } from "../lib/form-errors";
import i18n from "../lib/i18n";
import { renderWithProviders } from "../testing/render";
import { DateInput } from "./date-input";

interface Values {
  day: string;
}

/** A form as the SPA's forms are built, without a schema (its own checks) or with one (``isoDate``). */
function Harness({ withSchema = false, initial = "2026-12-03" }: { withSchema?: boolean; initial?: string }) {
  const [sent, setSent] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<Values>({
    defaultValues: { day: initial },
    resolver: withSchema ? zodResolver(z.object({ day: isoDate(i18n.t) })) : undefined,
  });
  return (
    <form onSubmit={(event) => void handleSubmit((values) => setSent(values.day))(event)} noValidate aria-label="Form">
      <DateInput control={control} name="day" id="day" label="Päivä" required {...errorProps(errors.day)} />
      <button type="submit">Send</button>
      <button type="button" onClick={() => reset({ day: "2027-01-15" })}>
        Reset
      </button>
      {sent !== null ? <output>{sent}</output> : null}
    </form>
  );
}

afterEach(async () => {
  await i18n.changeLanguage("fi");
});

describe("DateInput", () => {
  it("is a text field showing the day as Finland writes it, never the browser's date widget", async () => {
    await i18n.changeLanguage("fi");
    renderWithProviders(<Harness />);
    const field = screen.getByLabelText(/Päivä/);
    expect(field).toHaveAttribute("type", "text");
    expect(field).toHaveValue("3.12.2026");
    expect(screen.getByText("Muodossa p.k.vvvv, esimerkiksi 3.12.2026")).toBeInTheDocument();
  });

  it("shows the day in Swedish as d.m.yyyy and in English as dd/mm/yyyy", async () => {
    await i18n.changeLanguage("sv");
    const { unmount } = renderWithProviders(<Harness />);
    expect(screen.getByLabelText(/Päivä/)).toHaveValue("3.12.2026");
    expect(screen.getByText("I formen d.m.åååå, till exempel 3.12.2026")).toBeInTheDocument();
    unmount();
    await i18n.changeLanguage("en");
    renderWithProviders(<Harness />);
    expect(screen.getByLabelText(/Päivä/)).toHaveValue("03/12/2026");
  });

  it.each([
    ["fi", "24.12.2026"],
    ["sv", "24.12.2026"],
    ["fi", "01.02.2027"],
    ["en", "24/12/2026"],
  ])("in %s reads %s typed and sends it as ISO 8601", async (language, typed) => {
    await i18n.changeLanguage(language);
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const field = screen.getByLabelText(/Päivä/);
    await user.clear(field);
    await user.type(field, typed);
    expect(field).toHaveValue(typed);
    await user.click(screen.getByRole("button", { name: "Send" }));
    const expected = typed.replace(/^(\d+)[./](\d+)[./](\d{4})$/, (_, d: string, m: string, y: string) =>
      [y, m.padStart(2, "0"), d.padStart(2, "0")].join("-"),
    );
    expect(await screen.findByRole("status")).toHaveTextContent(expected);
  });

  it.each([false, true])(
    "refuses a day that is not in the calendar with a message (schema: %s)",
    async (withSchema) => {
      await i18n.changeLanguage("fi");
      const user = userEvent.setup();
      renderWithProviders(<Harness withSchema={withSchema} />);
      const field = screen.getByLabelText(/Päivä/);
      await user.clear(field);
      await user.type(field, "31.2.2026");
      await user.click(screen.getByRole("button", { name: "Send" }));
      expect(
        await screen.findByText("Kirjoita päivämäärä muodossa p.k.vvvv, esimerkiksi 3.12.2026"),
      ).toBeInTheDocument();
      expect(field).toHaveAttribute("aria-invalid", "true");
      expect(field).toHaveValue("31.2.2026");
      expect(screen.queryByRole("status")).not.toBeInTheDocument();
    },
  );

  it.each([false, true])("asks for a required day left empty (schema: %s)", async (withSchema) => {
    await i18n.changeLanguage("fi");
    const user = userEvent.setup();
    renderWithProviders(<Harness withSchema={withSchema} />);
    await user.clear(screen.getByLabelText(/Päivä/));
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText(i18n.t("errors.code.missing"))).toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows a day the form sets (a reset, a saved record) in place of what was typed", async () => {
    await i18n.changeLanguage("fi");
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const field = screen.getByLabelText(/Päivä/);
    await user.clear(field);
    await user.type(field, "5.5");
    await user.click(screen.getByRole("button", { name: "Reset" }));
    expect(field).toHaveValue("15.1.2027");
  });
});

describe("date fields of the SPA", () => {
  it("are all this field: no screen falls back to the browser's date widget", () => {
    const sources = import.meta.glob<string>(["../**/*.tsx", "!../**/*.test.tsx"], {
      query: "?raw",
      import: "default",
      eager: true,
    });
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const widgets = Object.entries(sources)
      .filter(([, source]) => source.includes('type="date"'))
      .map(([path]) => path);
    expect(widgets).toEqual([]);
  });
});
