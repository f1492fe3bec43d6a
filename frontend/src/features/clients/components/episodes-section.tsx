import { useTranslation } from "react-i18next";

import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useEpisodes } from "../api/get-episodes";
import type { EpisodeRead } from "../api/types";

function Episode({ episode }: { episode: EpisodeRead }) {
  const { t } = useTranslation();
  const end = episode.ends_on ? formatDate(episode.ends_on) : t("episodes.ongoing");
  return (
    <li>
      <strong>{t(`episodes.type.${episode.type}`)}</strong>{" "}
      {t("episodes.period", { start: formatDate(episode.starts_on), end })}
      {episode.provider_name ? <> – {t("episodes.provider", { name: episode.provider_name })}</> : null}
      <br />
      <small>
        {t(`episodes.origin.${episode.origin}`)}, {t("episodes.recordedBy", { who: episode.recorded_by })}
      </small>
    </li>
  );
}

/** The client's activating-service episodes (pay-subsidised work, work trials, training…), latest first, each with
 * who recorded it: a coach, or the service whose referral or pay-subsidy decision it came from. */
export function EpisodesSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const episodes = useEpisodes(clientId);
  return (
    <section id="episodes" aria-labelledby="episodes-title" className="page-section">
      <h2 id="episodes-title" tabIndex={-1}>
        {t("episodes.title")}
      </h2>
      {episodes.isError ? <p role="alert">{loadErrorMessage(t, episodes.error)}</p> : null}
      {episodes.data ? (
        episodes.data.length ? (
          <ul className="plain-list">
            {episodes.data.map((episode) => (
              <Episode key={episode.id} episode={episode} />
            ))}
          </ul>
        ) : (
          <p>{t("episodes.none")}</p>
        )
      ) : null}
    </section>
  );
}
