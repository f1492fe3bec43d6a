/** The languages a client can be served in (ISO 639-1), as the screens offer them; names under ``language.*``. */
export const LANGUAGE_CODES = ["fi", "sv", "en", "ru", "et", "ar", "so", "uk"] as const;
