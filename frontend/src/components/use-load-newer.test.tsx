import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "../lib/problem";
import { useLoadNewer } from "./use-load-newer";

const lostSave = new ApiError(412, {
  type: "https://polku.fi/problems/precondition-failed",
  title: "Changed meanwhile",
  status: 412,
  current_version: 3,
});

describe("useLoadNewer", () => {
  it("keeps the conflict of a save that lost, and clears it once the newer version is loaded", async () => {
    const onLoaded = vi.fn();
    const onFailed = vi.fn();
    const load = vi.fn((id: string) => Promise.resolve({ id, version: 3 }));
    const title = document.createElement("h2");
    title.id = "form-title";
    title.tabIndex = -1;
    document.body.append(title);
    const { result } = renderHook(() => useLoadNewer({ load, onLoaded, onFailed, focus: "form-title" }));

    let lost = false;
    act(() => {
      lost = result.current.lost(new ApiError(422, { type: "x", title: "x", status: 422 }));
    });
    expect(lost).toBe(false);
    expect(result.current.conflict).toBeNull();
    act(() => {
      lost = result.current.lost(lostSave);
    });
    expect(lost).toBe(true);
    expect(result.current.conflict).toEqual({ version: 3 });

    await act(() => result.current.loadNewer("employer-1"));
    expect(load).toHaveBeenCalledWith("employer-1");
    expect(onLoaded).toHaveBeenCalledWith({ id: "employer-1", version: 3 });
    expect(result.current.conflict).toBeNull();
    expect(title).toHaveFocus();
    expect(onFailed).not.toHaveBeenCalled();
    title.remove();
  });

  it("hands a failed read to onFailed and keeps the conflict", async () => {
    const onLoaded = vi.fn();
    const onFailed = vi.fn();
    const down = new ApiError(503, { type: "x", title: "Unavailable", status: 503 });
    const { result } = renderHook(() => useLoadNewer({ load: () => Promise.reject<never>(down), onLoaded, onFailed }));
    act(() => {
      result.current.lost(lostSave);
    });
    await act(() => result.current.loadNewer());
    expect(onFailed).toHaveBeenCalledWith(down);
    expect(onLoaded).not.toHaveBeenCalled();
    expect(result.current.conflict).toEqual({ version: 3 });
  });
});
