import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsDataKeys } from "./query-keys";
import type { ImportKind } from "./types";

export const CSV = "text/csv";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export type ImportMediaType = typeof CSV | typeof XLSX;

export interface ImportUpload {
  kind: ImportKind;
  file: Blob;
  mediaType: ImportMediaType;
  /** The statistic's edition and publication day; the budget lines have none. */
  vintage?: string;
}

/** The file's type from its name (what the file chooser accepts: ``.csv`` and ``.xlsx``), or null. */
export function mediaTypeOf(name: string): ImportMediaType | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return CSV;
  if (lower.endsWith(".xlsx")) return XLSX;
  return null;
}

function responseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(":");
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/**
 * A ``fetch`` that sends through XMLHttpRequest, the one browser API that reports how much of a request body has
 * been sent: ``onProgress`` hears the share sent (0–1). The generated client still builds the request (its address,
 * the bearer token, the request id), so only the transport differs.
 */
export function fetchWithProgress(onProgress: (sent: number) => void) {
  return async (request: Request): Promise<Response> => {
    const body = await request.arrayBuffer();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        onProgress(1);
        resolve(
          new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            headers: responseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError("The upload failed"));
      xhr.onabort = () => reject(new TypeError("The upload was interrupted"));
      xhr.send(body);
    });
  };
}

/** Sends the file itself as the body, its type as Content-Type, and the vintage in ``?vintage=``. */
export async function uploadImport(upload: ImportUpload, onProgress: (sent: number) => void = () => undefined) {
  const bytes = new Uint8Array(await upload.file.arrayBuffer());
  const { data } = await unwrap(
    api.metrics.POST(`/v1/imports/${upload.kind}`, {
      params: { query: upload.vintage ? { vintage: upload.vintage } : {} },
      headers: { "Content-Type": upload.mediaType },
      // The body is the file's bytes as they are, not JSON.
      body: bytes as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      fetch: fetchWithProgress(onProgress),
    }),
  );
  return data;
}

/** The import, and on success the import list refreshed (it shows the new file with who imported it). */
export function useUploadImport(onProgress: (sent: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upload: ImportUpload) => uploadImport(upload, onProgress),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: metricsDataKeys.imports() }),
  });
}
