import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button as HdsButton, ButtonVariant } from "hds-react";
import { describe, expect, it, vi } from "vitest";

import { Button } from "./button";

describe("Button", () => {
  it("renders as hds-react's button does: a native button of type button, the label in a span, HDS's classes", () => {
    const { container } = render(
      <>
        <HdsButton variant={ButtonVariant.Secondary}>Kirjaudu ulos</HdsButton>
        <Button variant="secondary">Kirjaudu ulos</Button>
      </>,
    );
    const [theirs, ours] = container.querySelectorAll("button");
    expect(ours.getAttribute("type")).toBe(theirs.getAttribute("type"));
    expect(ours.innerHTML).toBe(theirs.innerHTML);
    expect(ours).toHaveClass("hds-button", "hds-button--secondary");
    expect(render(<Button>Tallenna</Button>).container.querySelector("button")).toHaveClass("hds-button--primary");
  });

  it("submits a form when asked to, and does nothing while disabled", async () => {
    const onSubmit = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    const onClick = vi.fn();
    const { rerender } = render(
      <form onSubmit={onSubmit} aria-label="lomake">
        <Button type="submit">Tallenna</Button>
      </form>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);

    rerender(
      <Button disabled onClick={onClick}>
        Lisää
      </Button>,
    );
    const button = screen.getByRole("button", { name: "Lisää" });
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });
});
