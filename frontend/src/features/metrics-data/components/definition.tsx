import { useTranslation } from "react-i18next";

import { formatDate } from "../../../lib/format";
import type { DefinitionRead } from "../api/types";

/** An indicator's definition beside its figures: the formula in words, its source and how the month is counted. */
export function Definition({ definition, id }: { definition: DefinitionRead; id: string }) {
  const { t, i18n } = useTranslation();
  return (
    <aside className="metrics-definition" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t("metricsData.definition.title", {
          name: i18n.language === "fi" ? definition.name_fi : definition.name_en,
          version: definition.version,
          validFrom: formatDate(definition.valid_from),
        })}
      </h3>
      <dl>
        <dt>{t("metricsData.definition.formula")}</dt>
        <dd>{definition.formula}</dd>
        <dt>{t("metricsData.definition.source")}</dt>
        <dd>{definition.source}</dd>
        <dt>{t("metricsData.definition.countDateRule")}</dt>
        <dd>{definition.count_date_rule}</dd>
      </dl>
    </aside>
  );
}
