import i18next, { type BackendModule, type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";

export const LANGUAGES = [
  { code: "fi", label: "Suomeksi" },
  { code: "sv", label: "På svenska" },
  { code: "en", label: "In English" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "polku.language";

function isLanguage(code: unknown): code is Language {
  return LANGUAGES.some((language) => language.code === code);
}

function initialLanguage(): Language {
  const stored = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return isLanguage(stored) ? stored : "fi";
}

/**
 * Each language's texts are a chunk of their own (about 30 kB gzip each), fetched when the language is first shown:
 * the first screen carries only the reader's language, and switching fetches the other one before the screen changes
 * (i18next loads a language before it emits `languageChanged`). The build fails when a locale file lands in the first
 * chunk again (`initialChunkBudget` in vite.config.ts).
 */
const LOADERS: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  fi: () => import("../locales/fi.json"),
  sv: () => import("../locales/sv.json"),
  en: () => import("../locales/en.json"),
};

export const localeBackend: BackendModule = {
  type: "backend",
  callbackApi: true,
  init() {},
  read(language, _namespace, callback) {
    LOADERS[isLanguage(language) ? language : "fi"]().then(
      (module) => callback(null, module.default),
      // `true`: i18next tries again (five times, waiting longer each time), as after a dropped connection.
      (error: unknown) => callback(error instanceof Error ? error : String(error), true),
    );
  },
};

/**
 * Starts i18next. The app passes nothing: the reader's language (the one chosen before, else Finnish) is fetched, and
 * the returned promise settles once its texts are there, so the app renders its first screen after it and never shows
 * a key. The tests pass all three languages' texts, which are then there at once and switching needs no fetch.
 *
 * There is no fallback language: the three files have the same keys (`locales/locales.test.ts`), and a fallback
 * would make i18next fetch Finnish for every Swedish and English reader too.
 */
export function initI18n(resources?: Resource, instance: i18n = i18next): Promise<unknown> {
  if (!resources) instance.use(localeBackend);
  return instance.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: false,
    supportedLngs: LANGUAGES.map((language) => language.code),
    initAsync: !resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function setLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(STORAGE_KEY, language);
  return i18next.changeLanguage(language);
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

export default i18next;
