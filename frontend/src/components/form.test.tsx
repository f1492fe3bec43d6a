import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TextInput } from "hds-react";
import { useForm } from "react-hook-form";
import { beforeEach, describe, expect, it } from "vitest";

import { errorProps } from "../lib/form-errors";
import i18n from "../lib/i18n";
import { ApiError, type Problem } from "../lib/problem";
import { renderWithProviders } from "../testing/render";
import { ErrorSummary, useFormErrors } from "./form";

interface Values {
  name: string;
  email: string;
}

const FIELDS = ["name", "email"] as const;

/** A form as the SPA's forms are built: its submit fails with ``answer``. */
function Harness({ answer }: { answer: unknown }) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({ defaultValues: { name: "", email: "" } });
  const failures = useFormErrors({ form: "harness", fields: FIELDS, setError });
  const onSubmit = handleSubmit(() => {
    failures.clear();
    if (!failures.showProblem(answer)) failures.fail("Tallennus epäonnistui", ["Yritä uudelleen."]);
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Lomake">
      <ErrorSummary errors={failures} />
      <TextInput id="harness-name" label="Nimi" {...errorProps(errors.name)} {...register("name")} />
      <TextInput id="harness-email" label="Sähköposti" {...errorProps(errors.email)} {...register("email")} />
      <button type="submit">Tallenna</button>
    </form>
  );
}

const validation = (errors: Problem["errors"]) =>
  new ApiError(422, { type: "https://polku.fi/problems/validation", title: "Invalid", status: 422, errors });

describe("useFormErrors and ErrorSummary", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("puts a 422's field errors next to their fields and in a focused summary that leads to them", async () => {
    const answer = validation([
      { field: "body.email", message: "value is not a valid email address", code: "email_unknown" },
      { field: "body.name", message: "String should have at most 200 characters", code: "string_too_long" },
      { field: "body", message: "the name and the email belong to different people", code: "mismatch" },
    ]);
    renderWithProviders(<Harness answer={answer} />);
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Tarkista lomakkeen tiedot");
    expect(summary.parentElement).toHaveFocus();
    const name = screen.getByRole("textbox", { name: "Nimi" });
    const email = screen.getByRole("textbox", { name: "Sähköposti" });
    // Next to each field, in the reader's language where the code has a message, else the service's words.
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription("Teksti on liian pitkä");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription(expect.stringContaining("value is not a valid email address"));
    // The summary names the fields in the form's order, then what belongs to no field.
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual([
      "Teksti on liian pitkä",
      "value is not a valid email address",
    ]);
    expect(summary).toHaveTextContent("the name and the email belong to different people");

    await userEvent.click(links[1]);
    expect(email).toHaveFocus();
  });

  it("takes focus again when the next submit fails too", async () => {
    const answer = validation([{ field: "body.name", message: "too long", code: "string_too_long" }]);
    renderWithProviders(<Harness answer={answer} />);
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const first = await screen.findByRole("alert");
    await userEvent.click(within(first).getByRole("link"));
    expect(screen.getByRole("textbox", { name: "Nimi" })).toHaveFocus();

    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    await screen.findByRole("alert");
    expect(screen.getByRole("alert").parentElement).toHaveFocus();
  });

  it("shows a failure that is not a 422 in the same summary, touching no field", async () => {
    renderWithProviders(<Harness answer={new ApiError(409, null)} />);
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Tallennus epäonnistui");
    expect(summary).toHaveTextContent("Yritä uudelleen.");
    expect(within(summary).queryByRole("link")).not.toBeInTheDocument();
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByRole("textbox", { name: "Nimi" })).not.toHaveAttribute("aria-invalid");
  });

  it("says 'no permission' for a 403, not 'check the form', and marks no field", async () => {
    renderWithProviders(<Harness answer={new ApiError(403, null)} />);
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Ei käyttöoikeutta");
    expect(summary).toHaveTextContent("Roolisi tai organisaatiosi ei anna oikeutta tähän toimintoon.");
    expect(summary).not.toHaveTextContent("Tarkista lomakkeen tiedot");
    expect(summary).not.toHaveTextContent("Tallennus epäonnistui");
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByRole("textbox", { name: "Nimi" })).not.toHaveAttribute("aria-invalid");
  });

  it("says the session has ended for a 401", async () => {
    renderWithProviders(<Harness answer={new ApiError(401, null)} />);
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Istuntosi on päättynyt");
    expect(summary).not.toHaveTextContent("Tarkista lomakkeen tiedot");
  });
});
