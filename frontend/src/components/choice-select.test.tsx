import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useForm } from "react-hook-form";
import { describe, expect, it, vi } from "vitest";

import { ChoiceSelect } from "./choice-select";

const SIZES = ["small", "large"] as const;
const NAMES = { small: "Pieni", large: "Suuri" };

function optionsOf(select: HTMLElement) {
  return within(select)
    .getAllByRole("option")
    .map((option) => [(option as HTMLOptionElement).value, option.textContent]);
}

describe("ChoiceSelect", () => {
  it("is labelled, names each value by its label and puts the option for none first", () => {
    render(
      <ChoiceSelect
        id="size"
        label="Koko"
        noChoice="Kaikki"
        choices={SIZES}
        choiceLabel={(size) => NAMES[size]}
        defaultValue="large"
      />,
    );
    const select = screen.getByRole("combobox", { name: "Koko" });
    expect(select).toHaveAttribute("id", "size");
    expect(optionsOf(select)).toEqual([
      ["", "Kaikki"],
      ["small", "Pieni"],
      ["large", "Suuri"],
    ]);
    expect(select).toHaveValue("large");
  });

  it("has no option for none unless one is named, and takes numbers as values", () => {
    render(<ChoiceSelect id="months" label="Kuukausia" choices={[3, 6, 12]} choiceLabel={String} defaultValue="6" />);
    const select = screen.getByRole("combobox", { name: "Kuukausia" });
    expect(optionsOf(select)).toEqual([
      ["3", "3"],
      ["6", "6"],
      ["12", "12"],
    ]);
    expect(select).toHaveValue("6");
  });

  it("tells each change, and is reached by Tab in its place", async () => {
    const onChange = vi.fn((event: { target: { value: string } }) => event.target.value);
    render(
      <>
        <button type="button">ennen</button>
        <ChoiceSelect
          id="size"
          label="Koko"
          noChoice="Kaikki"
          choices={SIZES}
          choiceLabel={(size) => NAMES[size]}
          onChange={onChange}
        />
      </>,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Koko"), "Suuri");
    expect(onChange).toHaveLastReturnedWith("large");

    screen.getByRole("button", { name: "ennen" }).focus();
    await user.tab();
    expect(screen.getByLabelText("Koko")).toHaveFocus();
    await user.selectOptions(screen.getByLabelText("Koko"), "");
    expect(onChange).toHaveLastReturnedWith("");
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it("registers with react-hook-form and ties its error text to the field", async () => {
    const onSubmit = vi.fn();
    function Form() {
      const { register, handleSubmit } = useForm({ defaultValues: { size: "" } });
      return (
        <form onSubmit={(event) => void handleSubmit(onSubmit)(event)}>
          <ChoiceSelect
            id="size"
            label="Koko"
            noChoice="Valitse…"
            choices={SIZES}
            choiceLabel={(size) => NAMES[size]}
            required
            errorText="Valitse koko."
            {...register("size")}
          />
          <button type="submit">Tallenna</button>
        </form>
      );
    }
    render(<Form />);
    const select = screen.getByRole("combobox", { name: "Koko" });
    expect(select).toBeRequired();
    expect(select).toBeInvalid();
    expect(select).toHaveAccessibleDescription("Valitse koko.");
    const user = userEvent.setup();
    await user.selectOptions(select, "small");
    await user.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(onSubmit.mock.calls[0][0]).toEqual({ size: "small" });
  });
});
