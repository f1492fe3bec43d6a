// The partner network feature's public module: the pages the app routes to and the client page's section.
export { JointReferralSection } from "./components/joint-referral-section";
export { OrganisationsPage } from "./components/organisations-page";
export { OwnServicesPage } from "./components/own-services-page";
