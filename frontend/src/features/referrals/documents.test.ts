import { describe, expect, it } from "vitest";

import { documentName, mediaTypeOf } from "./documents";

describe("documents the service accepts", () => {
  it.each([
    [{ name: "lausunto.pdf", type: "application/pdf" }, "application/pdf"],
    [{ name: "kuva.JPG", type: "" }, "image/jpeg"],
    [{ name: "muistio.txt", type: "" }, "text/plain"],
    [{ name: "muistio.txt", type: "text/plain;charset=utf-8" }, "text/plain"],
    [{ name: "kuva.png", type: "application/octet-stream" }, "image/png"],
    [{ name: "taulukko.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, null],
    [{ name: "ohjelma.exe", type: "" }, null],
    [{ name: "ei-tarkennetta", type: "" }, null],
    // The browser's type wins over a misleading extension.
    [{ name: "kuva.pdf", type: "image/gif" }, null],
  ])("%o is %s", (file, expected) => {
    expect(mediaTypeOf(file)).toBe(expected);
  });

  it("fits a name to the service's pattern, keeping letters, digits and the extension", () => {
    expect(documentName("Työkykyarvio (Äänekoski) 2026.pdf")).toBe("Työkykyarvio (Äänekoski) 2026.pdf");
    expect(documentName("lausunto, 25/11.pdf")).toBe("lausunto_ 25_11.pdf");
    const long = documentName(`${"a".repeat(200)}.pdf`);
    expect(long).toHaveLength(120);
    expect(long.endsWith(".pdf")).toBe(true);
    expect(documentName("")).toBe("liite");
  });
});
