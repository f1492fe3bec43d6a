import { describe, expect, it } from "vitest";

import { csvParts, readUtf8 } from "./csv-parts";

const HEADER = "personal_identity_code;subsidy_days;counted_on";

describe("csvParts", () => {
  it("cuts the file into parts with the header, numbering rows as a spreadsheet does (the header is row 1)", () => {
    const rows = ["131052-308T;287;2026-11-30", "010101A123N;12;2026-11-30", "020202-2222;300;2026-11-29"];
    const { rows: count, parts } = csvParts([HEADER, ...rows].join("\r\n") + "\r\n\r\n", 2);
    expect(count).toBe(3);
    expect(parts).toEqual([
      { text: `${HEADER}\n${rows[0]}\n${rows[1]}\n`, firstRow: 2, rows: 2 },
      { text: `${HEADER}\n${rows[2]}\n`, firstRow: 4, rows: 1 },
    ]);
  });

  it("finds no rows in a file of the header only", () => {
    expect(csvParts(`${HEADER}\n`)).toEqual({ header: HEADER, rows: 0, parts: [] });
  });
});

describe("readUtf8", () => {
  it("reads UTF-8 and refuses anything else", async () => {
    expect(await readUtf8(new Blob(["Hämeenlinna"]))).toBe("Hämeenlinna");
    // "ä" in Latin-1, as an old spreadsheet saves it.
    expect(await readUtf8(new Blob([new Uint8Array([0x48, 0xe4, 0x6d])]))).toBeNull();
  });
});
