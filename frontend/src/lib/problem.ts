/** RFC 9457 problem details as the services send them (polku_kit.errors), and how a form shows them. */

export interface FieldProblem {
  /** Where the invalid input is, e.g. ``body.first_names`` or ``body.tasks.0.description``. */
  field: string;
  message: string;
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const PROBLEM_TYPE_BASE = "https://polku.fi/problems/";

/** An API answer other than 2xx; carries the problem document when the service sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** The stable slug of the problem type (``plan-changed``), or null. */
  get slug(): string | null {
    const type = this.problem?.type;
    return type?.startsWith(PROBLEM_TYPE_BASE) ? type.slice(PROBLEM_TYPE_BASE.length) : null;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful openapi-fetch call, or an ApiError thrown for any other answer. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    throw new ApiError(response.status, isProblem(error) ? error : null);
  }
  return { data: data as T, response };
}

export interface MappedFieldErrors<Name extends string> {
  /** The first error of each form field the form knows. */
  fields: Partial<Record<Name, FieldProblem>>;
  /** Errors that belong to no single field the form has (e.g. a rule across fields). */
  general: FieldProblem[];
}

/**
 * Sorts a 422 problem's field errors onto the form's fields: ``body.first_names`` → ``first_names``,
 * ``body.languages.0`` → ``languages``. What matches no field of the form is returned as ``general``.
 */
export function mapFieldErrors<Name extends string>(
  problem: Problem | null,
  names: readonly Name[],
): MappedFieldErrors<Name> {
  const mapped: MappedFieldErrors<Name> = { fields: {}, general: [] };
  for (const error of problem?.errors ?? []) {
    const [location, first] = error.field.split(".");
    const name = (location === "body" ? first : undefined) as Name | undefined;
    if (name && names.includes(name)) {
      mapped.fields[name] ??= error;
    } else {
      mapped.general.push(error);
    }
  }
  return mapped;
}
