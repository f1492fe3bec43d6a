import { useTranslation } from "react-i18next";

import { LANGUAGES, setLanguage } from "../lib/i18n";

/** Buttons, not a select: one click, each labelled in its own language (WCAG 3.1.2 via `lang`). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t("app.language")}>
      {LANGUAGES.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          aria-pressed={i18n.language === language.code}
          onClick={() => void setLanguage(language.code)}
        >
          {language.label}
        </button>
      ))}
    </div>
  );
}
