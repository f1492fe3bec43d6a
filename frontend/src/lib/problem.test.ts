import { describe, expect, it } from "vitest";

import { ApiError, mapFieldErrors, type Problem, unwrap } from "./problem";

const problem = (errors: Problem["errors"]): Problem => ({
  type: "https://polku.fi/problems/validation-error",
  title: "Invalid request",
  status: 422,
  errors,
});

describe("mapFieldErrors", () => {
  it("puts each body field's error on the form field of the same name", () => {
    const mapped = mapFieldErrors(
      problem([
        { field: "body.personal_identity_code", message: "not a valid personal identity code", code: "value_error" },
        { field: "body.first_names", message: "String should have at least 1 character", code: "string_too_short" },
      ]),
      ["personal_identity_code", "first_names", "last_name"] as const,
    );
    expect(mapped.fields.personal_identity_code?.code).toBe("value_error");
    expect(mapped.fields.first_names?.code).toBe("string_too_short");
    expect(mapped.fields.last_name).toBeUndefined();
    expect(mapped.general).toEqual([]);
  });

  it("maps an error inside a list to the list's field and keeps the first error of a field", () => {
    const mapped = mapFieldErrors(
      problem([
        { field: "body.languages.1", message: "String should match pattern", code: "string_pattern_mismatch" },
        { field: "body.languages.2", message: "second", code: "other" },
      ]),
      ["languages"] as const,
    );
    expect(mapped.fields.languages?.message).toBe("String should match pattern");
    expect(mapped.general).toEqual([]);
  });

  it("returns errors of the whole body, of unknown fields and outside the body as general", () => {
    const mapped = mapFieldErrors(
      problem([
        { field: "body", message: "Value error, a rule across fields", code: "value_error" },
        { field: "body.unknown", message: "Extra inputs are not permitted", code: "extra_forbidden" },
        { field: "query.limit", message: "too large", code: "less_than_equal" },
      ]),
      ["first_names"] as const,
    );
    expect(mapped.fields).toEqual({});
    expect(mapped.general.map((error) => error.field)).toEqual(["body", "body.unknown", "query.limit"]);
  });

  it("has nothing to map without a problem document", () => {
    expect(mapFieldErrors(null, ["a"] as const)).toEqual({ fields: {}, general: [] });
  });
});

describe("unwrap", () => {
  it("throws an ApiError carrying the problem and its slug", async () => {
    const body = {
      type: "https://polku.fi/problems/plan-changed",
      title: "The plan was changed by someone else",
      status: 412,
    };
    const call = Promise.resolve({ error: body, response: new Response(null, { status: 412 }) });
    const error = await unwrap(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(412);
    expect((error as ApiError).slug).toBe("plan-changed");
  });

  it("returns the data and the response of a success", async () => {
    const response = new Response(null, { status: 200, headers: { ETag: '"plan-v3"' } });
    const { data, response: returned } = await unwrap(Promise.resolve({ data: { ok: true }, response }));
    expect(data).toEqual({ ok: true });
    expect(returned.headers.get("ETag")).toBe('"plan-v3"');
  });
});
