import { render, screen } from "@testing-library/react";
import { TextInput } from "hds-react";
import { describe, expect, it } from "vitest";

import { TextField } from "./text-field";

describe("TextField", () => {
  it("ties the label, the help and the error to the field as hds-react's text input does", () => {
    render(
      <>
        <TextInput id="theirs" label="Nimi" helperText="Ohje" errorText="Virhe" invalid aria-invalid />
        <TextField id="ours" label="Nimi" helperText="Ohje" errorText="Virhe" />
      </>,
    );
    const [theirs, ours] = screen.getAllByRole("textbox", { name: "Nimi" });
    expect(theirs).toHaveAttribute("id", "theirs");
    expect(ours).toHaveAttribute("id", "ours");
    expect(ours.getAttribute("aria-describedby")).toBe(
      theirs.getAttribute("aria-describedby")!.replaceAll("theirs", "ours"),
    );
    expect(ours).toHaveAccessibleDescription("Ohje Virhe");
    expect(ours).toHaveAttribute("aria-invalid", "true");
    expect(ours).toHaveAttribute("type", "text");
    expect(ours.closest(".hds-text-input")).toHaveClass("hds-text-input--invalid");
  });

  it("is valid and described by its help alone without an error", () => {
    render(<TextField id="name" label="Nimi" helperText="Ohje" />);
    const field = screen.getByRole("textbox", { name: "Nimi" });
    expect(field).toHaveAccessibleDescription("Ohje");
    expect(field).not.toHaveAttribute("aria-invalid");
    expect(field.closest(".hds-text-input")).not.toHaveClass("hds-text-input--invalid");
  });
});
