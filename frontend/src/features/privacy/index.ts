// The data protection feature's public module: the data protection officer's page.
export { PrivacyPage } from "./components/privacy-page";
