import { useSearchParams } from "react-router";

/**
 * Filters kept in the address (``?year=2025&class=need_based``), so that a view can be bookmarked and shared. A value
 * equal to the default is left out of the address.
 */
export function useAddressFilters() {
  const [params, setParams] = useSearchParams();
  const update = (name: string, value: string, fallback = "") => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && value !== fallback) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  return { params, update };
}

/** The value of ``name`` if it is one of ``allowed``, else undefined. */
export function oneOf<Value extends string>(value: string | null, allowed: readonly Value[]): Value | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as Value) : undefined;
}
