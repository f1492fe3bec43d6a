import { vi } from "vitest";

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Route = (call: Call) => Answer | undefined;

/** A JSON body parsed; any other body (an uploaded file) as its text. */
function parsed(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Replaces ``fetch`` with a list of answers by method and path, and records the calls. Only the HTTP boundary is
 * faked: the SPA's own client, error mapping and components run as they do in the browser.
 */
export function fakeApi(route: Route) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
    const url = new URL(request.url, "http://localhost");
    const text = await request.clone().text();
    const call = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: parsed(text),
    };
    calls.push(call);
    const answer = route(call) ?? { status: 404, body: { type: "about:blank", title: "Not found", status: 404 } };
    const problem = answer.status >= 400;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": problem ? "application/problem+json" : "application/json", ...answer.headers },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}
