/**
 * What referrals-api accepts as a referral's document (referrals_api.referral.documents): PDF, PNG, JPEG or UTF-8
 * text, at most 1 MiB, under a name of letters, digits, spaces and ``_.-()``. The SPA checks the type and size before
 * sending; the service still checks that the content is what its type says.
 */

export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export const ACCEPTED_MEDIA_TYPES = ["application/pdf", "image/png", "image/jpeg", "text/plain"] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

const BY_EXTENSION: Record<string, AcceptedMediaType> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  txt: "text/plain",
};

/** For the file input's ``accept``: the types and the extensions (some systems give a text file no type). */
export const ACCEPT = [...ACCEPTED_MEDIA_TYPES, ...Object.keys(BY_EXTENSION).map((extension) => `.${extension}`)].join(
  ",",
);

/** The accepted media type of the file, by the type the browser gives or else by its extension; null if not accepted. */
export function mediaTypeOf(file: { name: string; type: string }): AcceptedMediaType | null {
  const type = file.type.split(";")[0].trim().toLowerCase();
  if ((ACCEPTED_MEDIA_TYPES as readonly string[]).includes(type)) return type as AcceptedMediaType;
  if (type && type !== "application/octet-stream") return null;
  const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  return BY_EXTENSION[extension] ?? null;
}

const NAME_LIMIT = 120;

/**
 * The file's name fitted to the service's pattern (``^[\w.\- ()]{1,120}$``): other characters become ``_`` and a
 * long name is shortened, keeping its extension.
 */
export function documentName(name: string): string {
  const cleaned = name.normalize("NFC").replace(/[^\p{L}\p{Nd}_.\- ()]/gu, "_") || "liite";
  if (cleaned.length <= NAME_LIMIT) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, NAME_LIMIT - extension.length) + extension;
}
