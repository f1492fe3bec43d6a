import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { handoverKeys } from "./query-keys";
import type { HandoverCreate, Side } from "./types";

export async function getHandovers(side: Side, coach: string | undefined) {
  const { data } = await unwrap(api.clients.GET("/v1/handovers", { params: { query: { side, coach } } }));
  return data;
}

/** The open hand-overs of a coach (by default the signed-in one): coming to them, or leaving them and their teams. */
export const useHandovers = (side: Side, coach?: string) =>
  useQuery({ queryKey: handoverKeys.tasks(side, coach), queryFn: () => getHandovers(side, coach) });

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: handoverKeys.all });
    // A done hand-over assigns the client: the caseloads and the client's assignment change.
    void queryClient.invalidateQueries({ queryKey: ["caseload"] });
    void queryClient.invalidateQueries({ queryKey: ["caseloads"] });
    void queryClient.invalidateQueries({ queryKey: ["clients"] });
  };
}

export async function completeHandover(handoverId: string) {
  const { data } = await unwrap(
    api.clients.POST("/v1/handovers/{handover_id}/complete", { params: { path: { handover_id: handoverId } } }),
  );
  return data;
}

/** The hand-over is done: the client becomes the personal coach's. */
export function useCompleteHandover() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: completeHandover, onSuccess: refresh });
}

export async function routeHandovers(leadDays: number) {
  const { data } = await unwrap(api.clients.POST("/v1/handovers/routing", { body: { lead_days: leadDays } }));
  return data;
}

/** Routes the clients whose initial service ends within the lead days to the personal coaches (managers). */
export function useRouteHandovers() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: routeHandovers, onSuccess: refresh });
}

export async function createHandover(clientId: string, body: HandoverCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/handovers", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

/** Hands one client over to a named personal coach now, also before the three months end. */
export function useCreateHandover(clientId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: HandoverCreate) => createHandover(clientId, body), onSuccess: refresh });
}

export async function getInitialService(teamId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/teams/{team_id}/initial-service", { params: { path: { team_id: teamId } } }),
  );
  return data;
}

/** Whether each team is an initial-service team, and who marked it. */
export const useInitialServices = (teamIds: readonly string[]) =>
  useQueries({
    queries: teamIds.map((teamId) => ({
      queryKey: handoverKeys.initialService(teamId),
      queryFn: () => getInitialService(teamId),
    })),
  });

export async function setInitialService(teamId: string, initialService: boolean) {
  const { data } = await unwrap(
    api.clients.PUT("/v1/teams/{team_id}/initial-service", {
      params: { path: { team_id: teamId } },
      body: { initial_service: initialService },
    }),
  );
  return data;
}

export function useSetInitialService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, initialService }: { teamId: string; initialService: boolean }) =>
      setInitialService(teamId, initialService),
    onSuccess: (marked) => {
      queryClient.setQueryData(handoverKeys.initialService(marked.team_id), marked);
      // The teams say which of them is the initial-service team.
      void queryClient.invalidateQueries({ queryKey: ["teams"] });
    },
  });
}
