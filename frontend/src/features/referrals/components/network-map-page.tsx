import { Button } from "hds-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { DateInput } from "../../../components/date-input";
import { PageHeading } from "../../../components/page-heading";
import { formatDate, todayInHelsinki } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useNetworkMap } from "../api/get-network-map";
import type { NetworkEdge, NetworkMap, NetworkNode } from "../api/types";

/** The default period: the last twelve months up to today. */
export function defaultPeriod(today: string = todayInHelsinki()): { from: string; to: string } {
  const [year, month, day] = today.split("-").map(Number);
  const start = new Date(Date.UTC(year - 1, month - 1, day));
  start.setUTCDate(start.getUTCDate() + 1);
  return { from: start.toISOString().slice(0, 10), to: today };
}

const SIZE = 640;
const CENTRE = SIZE / 2;
const RADIUS = 240;

export interface Placed extends NetworkNode {
  x: number;
  y: number;
}

/** A node with its name in the UI language: a service's Swedish or English name where it has one, else Finnish. */
export function inLanguage(node: NetworkNode, language: string): NetworkNode {
  const name = language === "sv" ? node.name_sv : language === "en" ? node.name_en : null;
  return name ? { ...node, name } : node;
}

/**
 * A deterministic layout: every node on one circle, the authorities first, then each organisation followed by its
 * services, so that a provider sits next to what it provides. The same map always looks the same.
 */
export function layout(map: Pick<NetworkMap, "nodes">): Placed[] {
  const byName = (a: NetworkNode, b: NetworkNode) => a.name.localeCompare(b.name, "fi") || a.id.localeCompare(b.id);
  const authorities = map.nodes.filter((node) => node.kind === "authority").sort(byName);
  const organisations = map.nodes.filter((node) => node.kind === "organisation").sort(byName);
  const services = map.nodes.filter((node) => node.kind === "service").sort(byName);
  const ordered: NetworkNode[] = [...authorities];
  for (const organisation of organisations) {
    ordered.push(organisation, ...services.filter((service) => service.organisation_id === organisation.id));
  }
  ordered.push(...services.filter((service) => !ordered.includes(service)));
  ordered.push(...map.nodes.filter((node) => !ordered.includes(node)));
  return ordered.map((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(ordered.length, 1) - Math.PI / 2;
    return { ...node, x: CENTRE + RADIUS * Math.cos(angle), y: CENTRE + RADIUS * Math.sin(angle) };
  });
}

function counts(
  t: (key: string, options?: Record<string, unknown>) => string,
  group: string,
  values?: Record<string, number>,
): string {
  const entries = Object.entries(values ?? {}).filter(([, count]) => count > 0);
  if (!entries.length) return "–";
  return entries.map(([key, count]) => `${t(`${group}.${key}`, { defaultValue: key })} ${count}`).join(", ");
}

function MapGraph({ placed, edges }: { placed: Placed[]; edges: NetworkEdge[] }) {
  const { t } = useTranslation();
  const at = new Map(placed.map((node) => [node.id, node]));
  return (
    <svg className="network-map" viewBox={`-120 -40 ${SIZE + 240} ${SIZE + 80}`} aria-hidden="true" focusable="false">
      <title>{t("networkMap.title")}</title>
      <desc>{t("networkMap.caption")}</desc>
      {edges.map((edge) => {
        const from = at.get(edge.source);
        const to = at.get(edge.target);
        if (!from || !to) return null;
        const referral = edge.kind === "referrals";
        return (
          <g key={`${edge.source}-${edge.target}-${edge.kind}`}>
            <line
              x1={from.x}
              y1={from.y}
              x2={to.x}
              y2={to.y}
              className={referral ? "network-map__referrals" : "network-map__provides"}
              strokeWidth={referral ? Math.min(2 + (edge.referrals ?? 0), 10) : 1}
            />
            {referral ? (
              <text x={(from.x + to.x) / 2} y={(from.y + to.y) / 2} className="network-map__count">
                {edge.referrals ?? 0}
              </text>
            ) : null}
          </g>
        );
      })}
      {placed.map((node) => (
        <g key={node.id} className={`network-map__node network-map__node--${node.kind}`}>
          {node.kind === "service" ? (
            <rect x={node.x - 8} y={node.y - 8} width={16} height={16} />
          ) : (
            <circle cx={node.x} cy={node.y} r={node.kind === "authority" ? 14 : 11} />
          )}
          <text x={node.x} y={node.y + (node.y > CENTRE ? 30 : -20)} textAnchor="middle">
            {node.name}
          </text>
        </g>
      ))}
      <text x={-110} y={-20} className="network-map__legend">
        {t("networkMap.legend")}
      </text>
    </svg>
  );
}

/**
 * The network map (verkostokartta): who refers to which services and what came of it. The drawing is for sighted
 * users; the table below carries the same data for everyone, so the drawing is hidden from assistive technology.
 */
export function NetworkMapPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  const from = params.get("from") ?? fallback.from;
  const to = params.get("to") ?? fallback.to;
  const {
    control,
    handleSubmit,
    formState: { errors },
  } = useForm<{ from: string; to: string }>({ values: { from, to } });
  const map = useNetworkMap(from, to);
  const language = i18n.language;
  const nodes = useMemo(() => (map.data?.nodes ?? []).map((node) => inLanguage(node, language)), [map.data, language]);

  const onSubmit = handleSubmit((period) => setParams(new URLSearchParams(period)));
  const names = new Map(nodes.map((node) => [node.id, node]));
  const flows = (map.data?.edges ?? []).filter((edge) => edge.kind === "referrals");
  const providerOf = (serviceId: string) => {
    const organisationId = names.get(serviceId)?.organisation_id;
    return organisationId ? names.get(organisationId)?.name : undefined;
  };

  return (
    <>
      <PageHeading title={t("networkMap.title")}>{t("networkMap.title")}</PageHeading>
      <p>{t("networkMap.intro")}</p>
      <form
        className="form form--inline"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-label={t("networkMap.period")}
      >
        <DateInput
          control={control}
          name="from"
          id="network-from"
          label={t("networkMap.from")}
          required
          {...errorProps(errors.from)}
        />
        <DateInput
          control={control}
          name="to"
          id="network-to"
          label={t("networkMap.to")}
          required
          {...errorProps(errors.to)}
        />
        <div className="form__actions">
          <Button type="submit">{t("networkMap.show")}</Button>
        </div>
      </form>
      <p role="status">
        {map.isPending
          ? t("app.loading")
          : map.isError
            ? loadErrorMessage(t, map.error)
            : t("networkMap.summary", {
                from: formatDate(map.data.from_date),
                to: formatDate(map.data.to_date),
                count: flows.reduce((sum, edge) => sum + (edge.referrals ?? 0), 0),
              })}
      </p>
      {map.data ? (
        <>
          <figure className="network-map__figure">
            <MapGraph placed={layout({ nodes })} edges={map.data.edges} />
            <figcaption>{t("networkMap.caption")}</figcaption>
          </figure>
          <section aria-labelledby="network-table-title" className="page-section">
            <h2 id="network-table-title">{t("networkMap.tableTitle")}</h2>
            {flows.length === 0 ? <p>{t("networkMap.noFlows")}</p> : null}
            {flows.length ? (
              <div className="table-wrapper">
                <table className="data-table">
                  <caption className="visually-hidden">{t("networkMap.tableTitle")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("networkMap.fromColumn")}</th>
                      <th scope="col">{t("networkMap.toColumn")}</th>
                      <th scope="col">{t("networkMap.count")}</th>
                      <th scope="col">{t("networkMap.byStatus")}</th>
                      <th scope="col">{t("networkMap.outcomes")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {flows.map((edge) => (
                      <tr key={`${edge.source}-${edge.target}`}>
                        <th scope="row">{names.get(edge.source)?.name ?? edge.source}</th>
                        <td>
                          {names.get(edge.target)?.name ?? edge.target}
                          {providerOf(edge.target) ? ` (${providerOf(edge.target)})` : ""}
                        </td>
                        <td>{edge.referrals ?? 0}</td>
                        <td>{counts(t, "referralStatus", edge.by_status)}</td>
                        <td>{counts(t, "outcome", edge.outcomes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
