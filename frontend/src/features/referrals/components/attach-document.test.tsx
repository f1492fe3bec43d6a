import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { MAX_DOCUMENT_BYTES } from "../documents";
import { AttachDocument } from "./attach-document";

const ID = "a0000000-0000-4000-8000-000000000004";
const user = () => userEvent.setup({ applyAccept: false });

function fileInput() {
  return screen.getByLabelText(/^Liitetiedosto/);
}

function problem(status: number, slug: string, extra: Record<string, unknown> = {}) {
  return { status, body: { type: `https://polku.fi/problems/${slug}`, title: "x", status, ...extra } };
}

describe("AttachDocument", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("has a labelled file input that says what it takes", () => {
    fakeApi(() => undefined);
    renderWithProviders(<AttachDocument referralId={ID} />);
    const input = fileInput();
    expect(input).toHaveAttribute("type", "file");
    expect(input).toHaveAccessibleDescription("PDF, PNG, JPEG tai tekstitiedosto (UTF-8), enintään 1 Mt.");
    expect(input.getAttribute("accept")).toContain("application/pdf");
  });

  it.each([
    ["no file", null, "Valitse lisättävä tiedosto"],
    [
      "a type the service does not take",
      new File(["x"], "taulukko.xlsx", { type: "application/vnd.ms-excel" }),
      "Tiedostotyyppiä ei voi liittää",
    ],
    [
      "a file over 1 MiB",
      new File([new Uint8Array(MAX_DOCUMENT_BYTES + 1)], "iso.pdf", { type: "application/pdf" }),
      "Tiedosto on liian suuri",
    ],
    ["an empty file", new File([], "tyhja.txt", { type: "text/plain" }), "Tiedosto on tyhjä."],
  ])("refuses %s before sending, next to the field", async (_, file, message) => {
    const calls = fakeApi(() => undefined);
    renderWithProviders(<AttachDocument referralId={ID} />);
    const u = user();
    if (file) await u.upload(fileInput(), file);
    await u.click(screen.getByRole("button", { name: "Lisää liite" }));
    await vi.waitFor(() => expect(fileInput()).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText(new RegExp(`^${message}`))).toBeInTheDocument();
    expect(fileInput()).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  it("sends the file itself with its type and name, and announces it attached", async () => {
    const calls = fakeApi((call: Call) =>
      call.method === "POST"
        ? {
            status: 201,
            body: {
              id: "d2",
              referral_id: ID,
              filename: "arvio_ 25_11.txt",
              media_type: "text/plain",
              size_bytes: 15,
              sha256: "x",
              uploaded_by: "partner",
              uploader_organisation_id: null,
              created_at: "2026-11-25T10:00:00Z",
            },
          }
        : undefined,
    );
    renderWithProviders(<AttachDocument referralId={ID} />);
    const u = user();
    await u.upload(fileInput(), new File(["Arviointi alkaa"], "arvio, 25/11.txt", { type: "" }));
    await u.click(screen.getByRole("button", { name: "Lisää liite" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Liite arvio_ 25_11.txt on lisätty.");
    const post = calls.find((call) => call.method === "POST");
    expect(post?.path).toBe(`/api/referrals/v1/referrals/${ID}/documents?filename=arvio_%2025_11.txt`);
    expect(post?.headers.get("Content-Type")).toBe("text/plain");
    expect(post?.headers.get("Idempotency-Key")).toBeTruthy();
    expect(post?.body).toBe("Arviointi alkaa");
    expect((fileInput() as HTMLInputElement).files).toHaveLength(0);
  });

  it.each([
    [
      problem(413, "document-too-large", { max_bytes: 1048576 }),
      "Tiedosto on liian suuri. Liite voi olla enintään 1 Mt.",
    ],
    [
      problem(415, "unsupported-document-type", { accepted: ["application/pdf"] }),
      "Palvelu ei hyväksynyt tiedostoa: sisältö ei vastaa tiedostotyyppiä",
    ],
    [
      problem(422, "validation", {
        errors: [{ field: "query.filename", message: "String should match pattern", code: "string_pattern_mismatch" }],
      }),
      "Tiedoston nimeä ei hyväksytty.",
    ],
  ])("shows the service's refusal (%#) next to the field", async (answer, message) => {
    fakeApi((call: Call) => (call.method === "POST" ? answer : undefined));
    renderWithProviders(<AttachDocument referralId={ID} />);
    const u = user();
    await u.upload(fileInput(), new File(["%PDF-1.7 not really"], "lausunto.pdf", { type: "application/pdf" }));
    await u.click(screen.getByRole("button", { name: "Lisää liite" }));
    await vi.waitFor(() => expect(fileInput()).toHaveAttribute("aria-invalid", "true"));
    expect(fileInput()).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(fileInput()).toHaveFocus();
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
  });
});
