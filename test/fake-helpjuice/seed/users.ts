import type { SeedGroup, SeedUser } from "../types";

export const GROUPS: SeedGroup[] = [
  { id: 1, name: "Partners" },
  { id: 2, name: "Support team" },
];

/**
 * The account's people. Requests without Basic auth act as the owner (user 1). Impersonated:
 * admins see everything (drafts too); collaborators and draft writers see public + internal; viewers see
 * public; private content needs the user or one of their groups on the article. Nobody but admins sees drafts.
 */
export const USERS: SeedUser[] = [
  { id: 1, email: "owner@acme.test", first_name: "Dana", last_name: "Whitfield", role_id: "superadmin", group_ids: [], active: true },
  { id: 2, email: "admin@acme.test", first_name: "Marcus", last_name: "Lee", role_id: "admin", group_ids: [2], active: true },
  { id: 3, email: "staff@acme.test", first_name: "Priya", last_name: "Natarajan", role_id: "collaborator", group_ids: [2], active: true },
  { id: 4, email: "writer@acme.test", first_name: "Tom", last_name: "Okafor", role_id: "draft_writer", group_ids: [2], active: true },
  { id: 5, email: "viewer@acme.test", first_name: "Sam", last_name: "Carter", role_id: "viewer", group_ids: [], active: true },
  { id: 6, email: "partner@acme.test", first_name: "Lena", last_name: "Fischer", role_id: "viewer", group_ids: [1], active: true },
  { id: 7, email: "former@acme.test", first_name: "Alex", last_name: "Moreno", role_id: "viewer", group_ids: [], active: false },
];

export const OWNER_EMAIL = "owner@acme.test";
export const ADMIN_EMAIL = "admin@acme.test";
export const STAFF_EMAIL = "staff@acme.test";
export const WRITER_EMAIL = "writer@acme.test";
export const VIEWER_EMAIL = "viewer@acme.test";
export const PARTNER_EMAIL = "partner@acme.test";
export const DEACTIVATED_EMAIL = "former@acme.test";

export const userName = (u: SeedUser) => `${u.first_name} ${u.last_name}`;
