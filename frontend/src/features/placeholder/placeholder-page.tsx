import { useTranslation } from "react-i18next";

type Section = "referrals" | "employers" | "metrics";

export function PlaceholderPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t(`nav.${section}`)}</h1>
      <p>{t(`placeholder.${section}`)}</p>
      <p>{t("placeholder.comingSoon")}</p>
    </>
  );
}
