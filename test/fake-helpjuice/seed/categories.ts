import type { SeedCategory } from "../types";

export const PARTNERS_GROUP_ID = 1;

export const CATEGORIES: SeedCategory[] = [
  {
    id: 1,
    name: "Getting started",
    codename: "1-getting-started",
    accessibility: 1,
    description: "New to Acme? Accounts, workspaces, your team and your first project.",
    user_ids: [],
    group_ids: [],
  },
  {
    id: 2,
    name: "Integrations",
    codename: "2-integrations",
    accessibility: 1,
    description: "Connect Acme to Slack, Salesforce, Zapier and your own code through the REST API.",
    user_ids: [],
    group_ids: [],
  },
  {
    id: 3,
    name: "Account & billing",
    codename: "3-account-billing",
    accessibility: 1,
    description: "Sign-in details, plans, payment methods, invoices and your data.",
    user_ids: [],
    group_ids: [],
  },
  {
    id: 4,
    name: "Troubleshooting",
    codename: "4-troubleshooting",
    accessibility: 1,
    description: "Fixes for sign-in problems, sync delays, import and export errors.",
    user_ids: [],
    group_ids: [],
  },
  {
    id: 5,
    name: "Security",
    codename: "5-security",
    accessibility: 1,
    description: "Two-factor authentication, single sign-on, audit logs and password policies.",
    user_ids: [],
    group_ids: [],
  },
  {
    id: 6,
    name: "Support playbooks",
    codename: "6-support-playbooks",
    accessibility: 0,
    description: "Internal procedures for the Acme support team. Not for customers.",
    user_ids: [],
    group_ids: [],
  },
  {
    id: 7,
    name: "Partner program",
    codename: "7-partner-program",
    accessibility: 2,
    description: "Resources for Acme resellers and implementation partners.",
    user_ids: [],
    group_ids: [PARTNERS_GROUP_ID],
  },
];
