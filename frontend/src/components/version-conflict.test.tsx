import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../lib/i18n";
import { ApiError } from "../lib/problem";
import { VersionConflictAlert, versionConflictOf } from "./version-conflict";

const problem = (status: number, extra: object = {}) => ({
  type: "https://polku.fi/problems/x",
  title: "x",
  status,
  ...extra,
});

describe("version conflicts", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("reads the version saved meanwhile from a 412, none from a 428, and nothing from other failures", () => {
    expect(versionConflictOf(new ApiError(412, problem(412, { current_version: 3 })))).toEqual({ version: 3 });
    expect(versionConflictOf(new ApiError(412, problem(412)))).toEqual({ version: null });
    expect(versionConflictOf(new ApiError(428, problem(428)))).toEqual({ version: null });
    expect(versionConflictOf(new ApiError(409, problem(409)))).toBeNull();
    expect(versionConflictOf(new Error("network"))).toBeNull();
  });

  it("says nothing was saved and offers the newer version", async () => {
    const onLoadNewer = vi.fn();
    render(
      <VersionConflictAlert
        conflict={{ version: 2 }}
        text={(version) => `versio ${version}`}
        onLoadNewer={onLoadNewer}
      />,
    );
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Muutoksiasi ei tallennettu");
    expect(alert).toHaveTextContent("versio 2");
    await userEvent.click(screen.getByRole("button", { name: "Avaa uudempi versio" }));
    expect(onLoadNewer).toHaveBeenCalledOnce();
  });
});
