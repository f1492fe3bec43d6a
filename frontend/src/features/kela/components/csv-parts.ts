/** A part of Kela's file as the service takes it: the header, then data rows; ``firstRow`` numbers its first row as
 * a spreadsheet numbers the whole file (the header is row 1). */
export interface CsvPart {
  text: string;
  firstRow: number;
  rows: number;
}

/** Rows per part: small enough that a part is checked quickly, so that the progress moves. */
export const PART_ROWS = 2000;

/**
 * Cuts a CSV file into parts of at most ``size`` data rows, each with the header, numbered as the whole file is.
 * Blank lines at the end are not rows. A field spanning lines is not expected in Kela's file (three plain columns).
 */
export function csvParts(text: string, size = PART_ROWS): { header: string; rows: number; parts: CsvPart[] } {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const [header = "", ...data] = lines;
  const parts: CsvPart[] = [];
  for (let start = 0; start < data.length; start += size) {
    const rows = data.slice(start, start + size);
    parts.push({ text: [header, ...rows].join("\n") + "\n", firstRow: start + 2, rows: rows.length });
  }
  return { header, rows: data.length, parts };
}

/** The file's text, or null when it is not UTF-8 (the service would refuse it; it is said before anything is sent). */
export async function readUtf8(file: Blob): Promise<string | null> {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return null;
  }
}
