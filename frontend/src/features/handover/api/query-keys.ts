/** The hand-over feature's query keys; a coach's tasks nest under ``all``, so that one change refreshes both sides. */
export const handoverKeys = {
  all: ["handovers"] as const,
  tasks: (side: "incoming" | "outgoing", coach: string | undefined) =>
    [...handoverKeys.all, side, coach ?? ""] as const,
  initialService: (teamId: string) => ["teams", teamId, "initial-service"] as const,
};
