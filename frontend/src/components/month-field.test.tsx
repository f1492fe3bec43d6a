import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { MonthField } from "./month-field";

function Period({ onChange }: { onChange: (value: string) => void }) {
  const [from, setFrom] = useState("2026-01");
  const [to, setTo] = useState("2025-12");
  const invalid = from > to;
  return (
    <>
      <MonthField
        id="from"
        label="Alkaen"
        value={from}
        errorId={invalid ? "period-error" : undefined}
        onChange={(event) => {
          setFrom(event.target.value);
          onChange(event.target.value);
        }}
      />
      <MonthField
        id="to"
        label="Päättyen"
        value={to}
        errorId={invalid ? "period-error" : undefined}
        onChange={(event) => setTo(event.target.value)}
      />
      {invalid ? <p id="period-error">Alku on lopun jälkeen.</p> : null}
    </>
  );
}

describe("MonthField", () => {
  it("is a labelled month field, invalid and read with its message while the message names it", async () => {
    const onChange = vi.fn();
    render(<Period onChange={onChange} />);
    const from = screen.getByLabelText("Alkaen");
    expect(from).toHaveAttribute("type", "month");
    expect(from).toHaveValue("2026-01");
    expect(from).toBeInvalid();
    expect(from).toHaveAccessibleDescription("Alku on lopun jälkeen.");

    const user = userEvent.setup();
    await user.clear(from);
    await user.type(from, "2025-06");
    expect(onChange).toHaveBeenLastCalledWith("2025-06");
    expect(from).toBeValid();
    expect(from).not.toHaveAttribute("aria-describedby");
    expect(screen.getByLabelText("Päättyen")).toBeValid();
  });

  it("is reached by Tab in its place", async () => {
    render(<Period onChange={vi.fn()} />);
    screen.getByLabelText("Alkaen").focus();
    await userEvent.tab();
    expect(screen.getByLabelText("Päättyen")).toHaveFocus();
  });
});
