/**
 * The Acme help centre: realistic articles in seven categories. Ids are stable; tests elsewhere refer to
 * them through the exports at the bottom (and compute everything else from ARTICLES).
 */
import type { Accessibility, SeedArticle } from "../types";
import { a, articleLink, body, bodyWithToc, code, h2, img, insertArticle, note, ol, p, table, ul, warn } from "./html";
import { HOSTILE_ARTICLES } from "./hostile";
import { TRANSLATIONS } from "./translations";
import { CATEGORIES, PARTNERS_GROUP_ID } from "./categories";

export interface ArticleDef {
  id: number;
  cat: number;
  also?: number[];
  name: string;
  desc: string;
  tags: string[];
  body: string;
  /** Defaults to the main category's accessibility. */
  access?: Accessibility;
  published?: boolean;
  shape?: "array" | "object";
  author?: number;
  groups?: number[];
}

const DEFS: ArticleDef[] = [
  // ── Getting started (1) ──────────────────────────────────────────────────────────────────────────
  {
    id: 1,
    cat: 1,
    name: "Welcome to Acme: a quick tour",
    desc: "A five-minute tour of workspaces, projects, boards and reports.",
    tags: ["tour", "basics"],
    body: bodyWithToc(
      p("Acme helps teams plan work, track it on boards and report on it without spreadsheets. This tour walks you through the four things you will use every day."),
      h2("Workspaces and projects"),
      p("A <strong>workspace</strong> holds everything your company does in Acme: people, projects, integrations and billing. Inside it, each <strong>project</strong> has its own board, files and members."),
      img("1712044800000-dashboard-overview.png", "The Acme dashboard with the project list on the left"),
      h2("Boards, reports and search"),
      ul(
        "Boards show tasks as cards you drag between columns.",
        "Reports turn your boards into charts you can share or export.",
        "Search (Ctrl+K) finds tasks, files and help articles from anywhere.",
      ),
      h2("Next steps"),
      p(`Ready to begin? ${articleLink(2, "create-your-acme-account", "Create your Acme account")}, then ${articleLink(3, "invite-your-team", "invite your team")}. If you get stuck, our support team answers within one business day.`),
    ),
  },
  {
    id: 2,
    cat: 1,
    name: "Create your Acme account",
    desc: "Sign up with your work email or Google, and verify your address.",
    tags: ["signup", "account"],
    shape: "object",
    body: body(
      p("You can create an Acme account with your work email address or with Google. Either way, the person who signs up becomes the owner of a new workspace."),
      h2("Sign up with email"),
      ol(
        `Go to ${a("https://app.acme.test/signup", "app.acme.test/signup")}.`,
        "Enter your work email and choose a password of at least 12 characters.",
        "Open the verification email and click <em>Verify my address</em>.",
      ),
      p("The verification link is valid for 24 hours. If it has expired, sign in and choose <em>Resend verification email</em>."),
      h2("Sign up with Google"),
      p("Choose <em>Continue with Google</em> and pick your work account. You will not need a separate Acme password, but you can set one later under Profile, Security, in case you ever lose access to Google."),
      note("Signing up on behalf of a company? Use a shared mailbox such as it@yourcompany.com so the account owner role does not leave with one person."),
    ),
  },
  {
    id: 3,
    cat: 1,
    name: "Invite your team",
    desc: "Invite colleagues by email or share an invite link limited to your domain.",
    tags: ["team", "invite", "members"],
    body: body(
      p("Acme is better with your team. Admins and owners can invite people from Settings, Members."),
      h2("Invite by email"),
      ol("Open Settings, Members.", "Click <em>Invite people</em> and paste one or more email addresses.", "Choose a role for them and click <em>Send invites</em>."),
      p("Invitations expire after seven days. You can resend or revoke a pending invitation from the same page."),
      h2("Invite with a link"),
      p("Turn on <em>Invite link</em> to get a link anyone with an address on your verified domain can use to join. Links for other domains are refused, so it is safe to post the link on your intranet."),
      p(`Each new member counts as a seat on your plan; see ${articleLink(17, "change-or-cancel-your-subscription", "Change or cancel your subscription")} for how seats are billed.`),
    ),
  },
  {
    id: 4,
    cat: 1,
    name: "Set up your first workspace",
    desc: "Name your workspace, pick a URL and set defaults for new projects.",
    tags: ["workspace", "setup"],
    body: body(
      p("Your workspace is created when you sign up. Take two minutes to set it up before you invite others, so everyone starts with the right defaults."),
      h2("Name and address"),
      p("Under Settings, General, give the workspace your company's name and pick its address, for example <code>yourcompany.acme.test</code>. You can change the address later; old links redirect for 90 days."),
      h2("Defaults for new projects"),
      table(["Setting", "Default", "Recommended"], [["Board columns", "To do, Doing, Done", "Match your process"], ["Project visibility", "Workspace", "Workspace"], ["Week starts on", "Monday", "Your locale"]]),
      p("Defaults only affect projects created afterwards; existing projects keep their settings."),
    ),
  },
  {
    id: 5,
    cat: 1,
    name: "Import tasks from a CSV spreadsheet",
    desc: "Bring tasks from Excel, Google Sheets or another tool with a CSV file.",
    tags: ["import", "csv", "spreadsheet"],
    body: body(
      p("If your tasks live in a spreadsheet or another tool, export them as CSV and import the file into any Acme project."),
      h2("Prepare the file"),
      p("The first row must hold column names. Acme recognises these columns; others are imported as custom fields."),
      table(["Column", "Required", "Example"], [["Title", "yes", "Update pricing page"], ["Status", "no", "Doing"], ["Assignee", "no", "sam@acme.test"], ["Due date", "no", "2025-04-30"]]),
      code("csv", "Title,Status,Assignee,Due date\nUpdate pricing page,Doing,sam@acme.test,2025-04-30\nReview Q2 roadmap,To do,,2025-05-15"),
      h2("Import"),
      ol("Open the project and choose More, Import.", "Upload the CSV file (up to 10 MB or 20,000 rows).", "Match columns to fields and click <em>Import</em>."),
      p(`Something went wrong? See ${articleLink(38, "csv-import-errors", "CSV import errors")}.`),
    ),
  },
  {
    id: 6,
    cat: 1,
    name: "Keyboard shortcuts",
    desc: "Work faster with shortcuts for search, navigation and editing.",
    tags: ["shortcuts", "productivity"],
    body: body(
      p("Press <kbd>?</kbd> anywhere in Acme to see every shortcut. These are the ones people use most."),
      table(["Action", "Windows and Linux", "macOS"], [["Search", "Ctrl+K", "Cmd+K"], ["New task", "C", "C"], ["Go to board", "G then B", "G then B"], ["Assign to me", "I", "I"], ["Mark done", "Ctrl+Enter", "Cmd+Enter"]]),
      p("Shortcuts are disabled while you type in a text field, except Ctrl/Cmd combinations."),
      p("You can turn single-key shortcuts off under Profile, Preferences if they get in the way of a screen reader or another tool."),
    ),
  },
  {
    id: 7,
    cat: 1,
    name: "Install the mobile app",
    desc: "Acme for iOS and Android: install, sign in and choose notifications.",
    tags: ["mobile", "ios", "android"],
    shape: "object",
    body: body(
      p("The Acme app for iOS 16+ and Android 10+ lets you check your boards, comment and update tasks on the go."),
      h2("Install and sign in"),
      p("Search for <em>Acme Work</em> in the App Store or Google Play. Sign in with the same email and password you use on the web, or with SSO if your company uses it."),
      img("1712131200000-mobile-sign-in.png", "The mobile sign-in screen"),
      h2("Notifications"),
      p("By default the app notifies you about mentions and tasks assigned to you. Change this under Profile, Notifications, Mobile."),
    ),
  },
  {
    id: 8,
    cat: 1,
    name: "Choose your language and time zone",
    desc: "Acme is available in English, Spanish and German; dates follow your time zone.",
    tags: ["language", "timezone", "preferences"],
    body: body(
      p("Acme detects your browser's language the first time you sign in. You can change it at any time."),
      h2("Change the language"),
      p("Open Profile, Preferences and pick English, Español or Deutsch. The help centre follows the same setting when you open it from the app."),
      h2("Time zone"),
      p("Due dates and reports use the time zone in your profile. Workspace admins can set a default for new members under Settings, General."),
    ),
  },
  {
    id: 9,
    cat: 1,
    name: "Roles and permissions",
    desc: "What owners, admins, members and guests can do.",
    tags: ["roles", "permissions", "admin"],
    body: body(
      p("Every member of a workspace has one role. Roles decide who can change settings, see billing and invite people."),
      table(["Role", "Billing", "Invite people", "Settings", "Projects"], [["Owner", "yes", "yes", "yes", "all"], ["Admin", "view", "yes", "yes", "all"], ["Member", "no", "if allowed", "no", "joined"], ["Guest", "no", "no", "no", "invited"]]),
      p("There is exactly one owner. To hand the workspace over, the owner chooses Settings, Members, Transfer ownership."),
      p(`Single sign-on can assign roles from your identity provider; see ${articleLink(46, "single-sign-on-sso-overview", "Single sign-on (SSO) overview")}.`),
    ),
  },
  {
    id: 10,
    cat: 1,
    name: "Glossary",
    desc: "The words Acme uses, explained.",
    tags: ["glossary", "basics"],
    body: body(
      p("New words can slow you down. Here is what we mean by them."),
      ul(
        "<strong>Workspace</strong>: your company's space in Acme, with its own members and billing.",
        "<strong>Project</strong>: a board, its tasks and files.",
        "<strong>Seat</strong>: one paying member. Guests do not use seats.",
        "<strong>API key</strong>: a secret that lets a script act on behalf of your workspace.",
        "<strong>SSO</strong>: single sign-on through your identity provider.",
      ),
      p("Missing a term? Tell us through the feedback button at the bottom of any article."),
    ),
  },

  // ── Account & billing (3) ────────────────────────────────────────────────────────────────────────
  {
    id: 11,
    cat: 3,
    name: "Change your email address",
    desc: "Update the address you sign in with; we confirm it before switching.",
    tags: ["email", "profile", "account"],
    body: body(
      p("You can change the email address of your Acme account under Profile, Account."),
      ol("Enter the new address and your current password.", "Open the confirmation email we send to the new address.", "Click <em>Confirm</em>. From then on, sign in with the new address."),
      p("We also notify the old address, so you will notice if someone else tried to change it."),
      note("If your company uses SSO, your address comes from your identity provider and cannot be changed here."),
    ),
  },
  {
    id: 12,
    cat: 3,
    also: [4],
    name: "Reset your password",
    desc: "Forgot your password? Get a reset link by email and choose a new one.",
    tags: ["password", "reset", "sign in"],
    shape: "object",
    body: body(
      p("If you have forgotten your password, you can reset it yourself in a minute. You only need access to the email address of your Acme account."),
      h2("Reset your password"),
      ol(
        `Go to the sign-in page and click <em>Forgot password?</em>`,
        "Enter the email address of your account and click <em>Send reset link</em>.",
        "Open the email from Acme and click <em>Reset password</em>. The link is valid for one hour.",
        "Choose a new password of at least 12 characters and confirm it.",
      ),
      img("1712217600000-reset-password-form.png", "The reset password form"),
      p("Resetting your password signs you out on every other device. Integrations that use API keys keep working."),
      h2("No email?"),
      p(`Check your spam folder, then see ${articleLink(35, "password-reset-email-didnt-arrive", "Password reset email didn't arrive")}. If your company uses single sign-on, reset your password with your identity provider instead.`),
    ),
  },
  {
    id: 13,
    cat: 3,
    name: "Change your password",
    desc: "Choose a new password while signed in, and sign out other sessions.",
    tags: ["password", "security", "profile"],
    body: body(
      p("To change your password while you are signed in, open Profile, Security and choose <em>Change password</em>."),
      p("Enter your current password, then the new one twice. Passwords must be at least 12 characters long and may not be one you used before."),
      h2("Sign out everywhere"),
      p("After a password change, tick <em>Sign out of other sessions</em> to end every other session. Do this if you think someone else knows your old password."),
      p(`Forgot the current password? Use ${articleLink(12, "reset-your-password", "Reset your password")} instead; a reset works without it.`),
    ),
  },
  {
    id: 14,
    cat: 3,
    name: "Update your payment method",
    desc: "Change the card or switch to invoice payment for your workspace.",
    tags: ["billing", "payment", "card"],
    body: body(
      p("Owners can update the payment method under Settings, Billing, Payment method."),
      h2("Pay by card"),
      p("We accept Visa, Mastercard and American Express. Your card is charged on the first day of each billing period; the receipt appears on your invoices page the same day."),
      h2("Pay by invoice"),
      p("On annual Business plans you can pay by bank transfer against an invoice. Choose <em>Switch to invoice payment</em> and enter your billing address and purchase order number, if you need one on the invoice."),
      warn("If a card payment fails we retry three times over seven days, then limit the workspace to read-only until the balance is paid."),
    ),
  },
  {
    id: 15,
    cat: 3,
    name: "Download invoices and receipts",
    desc: "Find every invoice for your workspace and download it as PDF.",
    tags: ["invoice", "billing", "receipt", "pdf"],
    body: body(
      p("Every charge produces an invoice. Owners and admins can download invoices under Settings, Billing, Invoices."),
      img("1712304000000-invoices-list.png", "The list of invoices with download buttons"),
      h2("Download one invoice"),
      p("Click the invoice number to open it, then <em>Download PDF</em>. Invoices list the billing period, the number of seats, taxes and the payment method."),
      h2("Download all invoices"),
      p("Choose <em>Export all</em> to get a ZIP file with every invoice as PDF, plus a CSV summary for your accounting tool."),
      p(`Need another email address to receive invoices? See ${articleLink(19, "billing-contacts-and-invoice-emails", "Billing contacts and invoice emails")}.`),
    ),
  },
  {
    id: 16,
    cat: 3,
    name: "Understanding your invoice",
    desc: "Seats, prorations, credits and taxes, line by line.",
    tags: ["invoice", "billing", "proration"],
    body: body(
      p("Your invoice can have more lines than you expect. Here is what each one means."),
      table(["Line", "Meaning"], [["Subscription", "Seats at the start of the period, times the price per seat"], ["Proration", "Seats added or removed during the previous period"], ["Credit", "Refunds or goodwill credits applied to this invoice"], ["Tax", "VAT or sales tax for your billing address"]]),
      h2("Why did my invoice go up?"),
      p("Most often because members were added during the month. Acme charges for the days each seat was used, on the next invoice."),
      p("If something still looks wrong, reply to the invoice email and our billing team will look at it."),
    ),
  },
  {
    id: 17,
    cat: 3,
    name: "Change or cancel your subscription",
    desc: "Upgrade, downgrade, change seats or cancel at the end of the period.",
    tags: ["subscription", "billing", "plan", "cancel"],
    shape: "object",
    body: body(
      p("Owners manage the subscription under Settings, Billing, Plan."),
      h2("Change plan or seats"),
      p("Upgrades take effect immediately and are prorated. Downgrades and seat reductions take effect at the end of the current billing period."),
      h2("Cancel"),
      p("Choose <em>Cancel subscription</em>. Your workspace stays available until the end of the paid period, then becomes read-only for 30 days before it is deleted."),
      p(`Want to keep your data? ${articleLink(20, "export-your-account-data", "Export your account data")} before the 30 days are over.`),
    ),
  },
  {
    id: 18,
    cat: 3,
    name: "Add a VAT or tax ID to your invoices",
    desc: "Show your VAT number on invoices and apply the reverse charge in the EU.",
    tags: ["vat", "tax", "invoice", "billing"],
    body: body(
      p("Businesses in the EU and the UK can add a VAT number to their billing details, so invoices show it and the reverse charge applies."),
      ol("Open Settings, Billing, Billing details.", "Enter the VAT number, including the country prefix (for example DE123456789).", "Save. We validate the number with VIES, which can take a few minutes."),
      p("The VAT number appears on every invoice issued after it has been validated. Earlier invoices are not changed; contact billing if you need a corrected invoice."),
    ),
  },
  {
    id: 19,
    cat: 3,
    name: "Billing contacts and invoice emails",
    desc: "Send invoices to your finance team as well as the owner.",
    tags: ["billing", "invoice", "email"],
    body: body(
      p("By default, invoices and payment receipts go to the workspace owner. You can add up to five billing contacts who receive them too."),
      p("Under Settings, Billing, Billing contacts, add the email addresses of your finance team. Billing contacts do not need an Acme account and cannot sign in to change the subscription."),
      p("Each invoice email has the PDF attached and a link to pay it online, if it is unpaid."),
    ),
  },
  {
    id: 20,
    cat: 3,
    name: "Export your account data",
    desc: "Download all projects, tasks, comments and files as a ZIP archive.",
    tags: ["export", "data", "backup", "account"],
    body: body(
      p("Owners can export everything in the workspace at any time, for a backup or before leaving Acme."),
      h2("Start an export"),
      ol("Open Settings, Data, Export.", "Choose what to include: projects and tasks, comments, files, members.", "Click <em>Start export</em>. We email you a link when the archive is ready."),
      h2("What you get"),
      table(["File", "Format", "Contents"], [["projects.json", "JSON", "Projects, columns and tasks"], ["tasks.csv", "CSV", "One row per task, for spreadsheets"], ["files/", "original", "Every uploaded file"]]),
      p("Large exports can take up to an hour. The download link is valid for seven days. If the export fails, see " + articleLink(39, "export-fails-or-the-file-is-empty", "Export fails or the file is empty") + "."),
    ),
  },
  {
    id: 21,
    cat: 3,
    name: "Delete your account",
    desc: "Leave a workspace or delete your personal Acme account for good.",
    tags: ["account", "delete", "privacy"],
    body: body(
      p("You can leave a workspace or delete your Acme account entirely."),
      h2("Leave a workspace"),
      p("Open Profile, Workspaces and choose <em>Leave</em>. Your tasks and comments stay in the workspace."),
      h2("Delete your account"),
      p("Open Profile, Account, Delete account and confirm with your password. If you own a workspace, transfer ownership first or cancel its subscription."),
      warn("Deleting your account cannot be undone. Export anything you want to keep first."),
    ),
  },
  {
    id: 22,
    cat: 3,
    name: "Refund policy",
    desc: "When we refund, and how refunds appear on your invoices.",
    tags: ["refund", "billing", "invoice"],
    shape: "object",
    body: body(
      p("Monthly plans are not refunded for partial months. Annual plans can be refunded within 30 days of the first payment."),
      p("Refunds are paid to the original payment method within ten business days and appear as a credit note next to the original invoice."),
      p("To ask for a refund, the workspace owner writes to billing@acme.test from the owner's address, with the invoice number."),
    ),
  },

  // ── Integrations (2) ─────────────────────────────────────────────────────────────────────────────
  {
    id: 23,
    cat: 2,
    name: "Connect Slack",
    desc: "Get task updates in Slack channels and create tasks from messages.",
    tags: ["slack", "notifications", "integration"],
    body: body(
      p("The Slack integration posts task updates to channels and lets you turn any message into an Acme task."),
      h2("Connect"),
      ol("Open Settings, Integrations, Slack and click <em>Connect</em>.", "Approve the permissions in Slack.", "Pick a default channel for each project."),
      img("1712390400000-slack-channel-picker.png", "Choosing a Slack channel per project"),
      h2("Create tasks from Slack"),
      p("Hover over a message, open the More actions menu and choose <em>Create Acme task</em>. The task links back to the message."),
    ),
  },
  {
    id: 24,
    cat: 2,
    name: "Connect Salesforce",
    desc: "Create Acme projects from won opportunities and sync their status.",
    tags: ["salesforce", "crm", "integration"],
    body: body(
      p("With the Salesforce integration, a won opportunity can start an onboarding project in Acme automatically."),
      h2("Requirements"),
      ul("Salesforce Enterprise or Unlimited edition.", "An Acme Business plan.", "A Salesforce user with the API Enabled permission."),
      h2("Set up"),
      p("Open Settings, Integrations, Salesforce and sign in. Choose the opportunity stage that triggers a project and the project template to use."),
      p("The integration checks for changes every five minutes. See " + articleLink(37, "sync-is-stuck-or-delayed", "Sync is stuck or delayed") + " if projects do not appear."),
    ),
  },
  {
    id: 25,
    cat: 2,
    name: "Create an API key",
    desc: "Generate an API key to use the Acme REST API from your own scripts.",
    tags: ["api", "api key", "developers"],
    body: body(
      p("The Acme REST API lets your scripts read and change projects and tasks. Every request needs an API key."),
      h2("Create a key"),
      ol("Open Settings, API.", "Click <em>New API key</em>, give it a name and choose its scopes.", "Copy the key. It is shown only once."),
      code("bash", "curl https://api.acme.test/v2/projects \\\n  -H \"Authorization: Bearer $ACME_API_KEY\""),
      warn("Treat an API key like a password: keep it out of source control and client-side code. If a key leaks, revoke it at once."),
      p(`See also ${articleLink(26, "rotate-or-revoke-an-api-key", "Rotate or revoke an API key")} and ${articleLink(27, "api-rate-limits", "API rate limits")}.`),
    ),
  },
  {
    id: 26,
    cat: 2,
    name: "Rotate or revoke an API key",
    desc: "Replace a key without downtime, or revoke a leaked key immediately.",
    tags: ["api", "api key", "security"],
    body: body(
      p("Rotate API keys regularly, and revoke a key at once if it may have leaked."),
      h2("Rotate without downtime"),
      ol("Create a new key with the same scopes.", "Deploy the new key to your scripts.", "Check the <em>Last used</em> column until the old key is no longer used, then revoke it."),
      h2("Revoke"),
      p("Click <em>Revoke</em> next to the key. Requests with it fail with 401 within a minute. Revoking cannot be undone."),
    ),
  },
  {
    id: 27,
    cat: 2,
    name: "API rate limits",
    desc: "How many API requests you can make, and what happens past the limit.",
    tags: ["api", "rate limit", "429"],
    shape: "object",
    body: body(
      p("Each API key can make 100 requests per minute. Past the limit, the API answers <code>429 Too Many Requests</code>."),
      table(["Plan", "Requests per minute", "Burst"], [["Team", "100", "20"], ["Business", "300", "50"], ["Enterprise", "custom", "custom"]]),
      h2("Handle 429s"),
      p("Wait and retry with exponential backoff. Cache answers you read often instead of asking again, and batch writes where the API allows it."),
      code("js", "async function withRetry(fn, tries = 5) {\n  for (let i = 0; ; i++) {\n    const res = await fn();\n    if (res.status !== 429 || i === tries) return res;\n    await new Promise((r) => setTimeout(r, 2 ** i * 500));\n  }\n}"),
    ),
  },
  {
    id: 28,
    cat: 2,
    name: "Webhooks: receive events from Acme",
    desc: "Get an HTTP POST when tasks are created, updated or completed.",
    tags: ["webhooks", "api", "developers"],
    body: body(
      p("Webhooks notify your server when something happens in Acme, so you do not need to poll the API."),
      h2("Create a webhook"),
      p("Under Settings, API, Webhooks, enter your endpoint URL and choose events. Each delivery is signed with your API key's webhook secret in the <code>Acme-Signature</code> header."),
      code("json", "{\n  \"event\": \"task.completed\",\n  \"task\": { \"id\": 4812, \"title\": \"Ship v2\" },\n  \"occurred_at\": \"2025-03-02T10:15:00Z\"\n}"),
      h2("Retries"),
      p("If your endpoint does not answer 2xx within ten seconds, we retry with backoff for 24 hours. See " + articleLink(41, "webhook-deliveries-failing", "Webhook deliveries failing") + "."),
    ),
  },
  {
    id: 29,
    cat: 2,
    name: "Zapier integration",
    desc: "Connect Acme to 5,000 apps with Zapier triggers and actions.",
    tags: ["zapier", "automation", "integration"],
    body: body(
      p("Our Zapier app connects Acme to thousands of other tools without code."),
      h2("Triggers and actions"),
      ul("Trigger: new task, task completed, new comment.", "Action: create task, add comment, move task."),
      p("Zapier asks for an API key when you connect your Acme account; create one with the <em>tasks</em> scope."),
      p("Zaps run with the permissions of the key's creator. Use a dedicated service member if several people maintain your Zaps."),
    ),
  },
  {
    id: 30,
    cat: 2,
    name: "Export reports to Google Sheets",
    desc: "Keep a Google Sheet in sync with any Acme report.",
    tags: ["export", "google sheets", "reports"],
    body: body(
      p("Any report can be exported to Google Sheets once, or kept in sync every hour."),
      ol("Open the report and choose Export, Google Sheets.", "Sign in with Google and pick a spreadsheet, or create a new one.", "Choose <em>Keep in sync</em> for hourly updates."),
      p("Synced exports overwrite the sheet's first tab. Put your own formulas on another tab."),
      p("You can also export a report as CSV or PDF from the same menu."),
    ),
  },

  // ── Troubleshooting (4) ──────────────────────────────────────────────────────────────────────────
  {
    id: 34,
    cat: 4,
    name: "I can't sign in",
    desc: "What to check when Acme does not accept your email and password.",
    tags: ["sign in", "login", "password"],
    body: body(
      p("Most sign-in problems have one of four causes. Go through them in order."),
      h2("1. The right address"),
      p("Make sure you use the address of your Acme account. If you have several, try the others; each is a separate account."),
      h2("2. Your password"),
      p("Passwords are case-sensitive. If you are not sure, reset your password:"),
      insertArticle(12),
      h2("3. Single sign-on"),
      p("If your company uses SSO, click <em>Sign in with SSO</em> instead of entering a password."),
      h2("4. Your account is locked"),
      p("After ten failed attempts we lock the account for 15 minutes. Wait, then try again or reset your password."),
      insertArticle(75),
    ),
  },
  {
    id: 35,
    cat: 4,
    name: "Password reset email didn't arrive",
    desc: "The reset link can be delayed or filtered as spam. Here is what to check.",
    tags: ["password", "reset", "email"],
    shape: "object",
    body: body(
      p("Password reset emails normally arrive within a minute. If yours has not:"),
      ol(
        "Check your spam or junk folder, and search for mail from no-reply@acme.test.",
        "Make sure you entered the address of your Acme account, without typos.",
        "Ask your IT team to allow mail from acme.test; some filters hold automated mail.",
        "Wait five minutes before you request another reset: each new request makes the previous link invalid.",
      ),
      p("If your company uses single sign-on, Acme does not send reset emails; reset your password with your identity provider."),
      p(`Still nothing after an hour? Contact support from the ${a("https://acme.test/contact", "contact page")} and tell us the address you used.`),
    ),
  },
  {
    id: 36,
    cat: 4,
    name: "Two-factor codes are rejected",
    desc: "Fix clock drift, use a recovery code, or reset two-factor authentication.",
    tags: ["2fa", "two-factor", "sign in"],
    body: body(
      p("A code that is rejected is almost always a clock problem on your phone."),
      h2("Sync your phone's clock"),
      p("Turn on automatic date and time in your phone's settings. Codes are valid for 30 seconds, so a clock off by a minute produces wrong codes."),
      h2("Use a recovery code"),
      p("Each recovery code works once. Enter it instead of the six-digit code, then set up two-factor authentication again under Profile, Security."),
      p("No recovery codes? An admin of your workspace can reset two-factor authentication for you from Settings, Members."),
    ),
  },
  {
    id: 37,
    cat: 4,
    name: "Sync is stuck or delayed",
    desc: "Integrations usually sync within five minutes. Here is how to unstick them.",
    tags: ["sync", "integration", "delay"],
    body: body(
      p("Integrations check for changes every five minutes. If nothing has arrived for longer, check the integration's status."),
      h2("Check the status"),
      p("Open Settings, Integrations and look at <em>Last sync</em>. A red badge means the connection needs attention, usually because the other service's token expired."),
      h2("Reconnect"),
      p("Click <em>Reconnect</em> and sign in again. Pending changes are picked up at the next sync."),
      p(`Check ${a("https://status.acme.test", "status.acme.test")} for incidents.`),
      insertArticle(75),
    ),
  },
  {
    id: 38,
    cat: 4,
    name: "CSV import errors",
    desc: "What each import error means and how to fix the file.",
    tags: ["import", "csv", "errors"],
    body: body(
      p("When an import fails, Acme shows the row and the reason. These are the common ones."),
      table(["Error", "Cause", "Fix"], [["Missing title", "A row has no Title", "Fill it or delete the row"], ["Unknown assignee", "The email is not a member", "Invite them first or leave empty"], ["Invalid date", "Date not in YYYY-MM-DD", "Reformat the column"], ["File too large", "Over 10 MB or 20,000 rows", "Split the file"]]),
      p("Save the file as UTF-8 CSV. Excel's default encoding on Windows can garble accented names."),
    ),
  },
  {
    id: 39,
    cat: 4,
    name: "Export fails or the file is empty",
    desc: "Why a data export can fail, and how to get a complete archive.",
    tags: ["export", "data", "errors"],
    body: body(
      p("Data exports run in the background. If the email with the link never arrives or the archive is empty, try the following."),
      ul(
        "Exports of more than 50 GB of files fail; export projects and tasks without files, then download files per project.",
        "An empty <code>tasks.csv</code> usually means the export was started by an admin without access to private projects. Ask the owner to export.",
        "Links expire after seven days. Start a new export if yours has expired.",
      ),
      p("For a machine-readable export on a schedule, use the REST API with an API key instead."),
      insertArticle(75),
    ),
  },
  {
    id: 41,
    cat: 4,
    name: "Webhook deliveries failing",
    desc: "Read the delivery log and fix timeouts, TLS errors and signature checks.",
    tags: ["webhooks", "api", "errors"],
    body: body(
      p("Settings, API, Webhooks shows the last 100 deliveries for each webhook, with the status your server returned."),
      table(["Status", "Meaning"], [["Timeout", "Your server took more than ten seconds"], ["TLS error", "The certificate is invalid or expired"], ["4xx", "Your server refused the delivery, often a failed signature check"]]),
      p("Verify signatures over the raw request body, before any JSON parsing changes it."),
      code("python", "import hmac, hashlib\n\ndef valid(body: bytes, header: str, secret: str) -> bool:\n    mac = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()\n    return hmac.compare_digest(mac, header)"),
    ),
  },
  {
    id: 42,
    cat: 4,
    name: "Error 429: too many requests",
    desc: "You hit the API rate limit. Slow down, cache and retry with backoff.",
    tags: ["api", "429", "rate limit", "errors"],
    body: body(
      p("The API answers 429 when an API key makes more than its allowance of requests in a minute."),
      p(`Wait a minute before retrying and spread requests out. The limits per plan are in ${articleLink(27, "api-rate-limits", "API rate limits")}.`),
      p("Several scripts sharing one API key share its limit. Give each integration its own key so one busy script cannot starve the others."),
    ),
  },
  {
    id: 43,
    cat: 4,
    name: "Dashboards load slowly",
    desc: "Speed up large boards and reports.",
    tags: ["performance", "dashboards", "reports"],
    body: body(
      p("Boards with thousands of cards and reports over long periods take longer to load."),
      ul("Archive finished tasks; archived tasks are still searchable.", "Filter reports to the last 90 days.", "Close other browser tabs running Acme."),
      p("If the whole app is slow, check " + a("https://status.acme.test", "status.acme.test") + " and your network connection."),
    ),
  },
  {
    id: 75,
    cat: 4,
    name: "Contact Acme support",
    desc: "How to reach us, and what to include so we can help quickly.",
    tags: ["support", "contact"],
    body: body(
      p("Still stuck? Our support team answers within one business day, faster on Business and Enterprise plans."),
      p(`Write to ${a("mailto:support@acme.test", "support@acme.test")} or use the chat in the app. Include your workspace address, what you tried and any error message.`),
    ),
  },

  // ── Security (5) ─────────────────────────────────────────────────────────────────────────────────
  {
    id: 44,
    cat: 5,
    name: "Security at Acme",
    desc: "How we protect your data: encryption, hosting, audits.",
    tags: ["security", "compliance", "encryption"],
    body: body(
      p("Security is part of every decision we make. Here is an overview; our full security whitepaper is available on request."),
      h2("Encryption"),
      p("Data is encrypted in transit with TLS 1.2 or later and at rest with AES-256. Passwords are hashed with bcrypt; we never store them in plain text."),
      h2("Hosting and audits"),
      p("Acme runs in EU and US regions on ISO 27001 certified infrastructure. We are audited for SOC 2 Type II every year."),
      p(`Report a vulnerability to ${a("mailto:security@acme.test", "security@acme.test")}.`),
    ),
  },
  {
    id: 45,
    cat: 5,
    name: "Turn on two-factor authentication",
    desc: "Protect your account with an authenticator app and recovery codes.",
    tags: ["2fa", "two-factor", "security"],
    body: body(
      p("Two-factor authentication (2FA) asks for a code from your phone in addition to your password."),
      ol("Open Profile, Security, Two-factor authentication.", "Scan the QR code with an authenticator app such as 1Password, Authy or Google Authenticator.", "Enter the six-digit code to confirm.", "Download your recovery codes and keep them somewhere safe."),
      p("Admins can require 2FA for everyone in the workspace under Settings, Security."),
    ),
  },
  {
    id: 46,
    cat: 5,
    name: "Single sign-on (SSO) overview",
    desc: "Sign in through Okta, Microsoft Entra ID or any SAML 2.0 identity provider.",
    tags: ["sso", "saml", "enterprise"],
    body: body(
      p("Single sign-on (SSO) lets your team sign in to Acme with your company's identity provider. SSO is available on the Enterprise plan."),
      h2("Supported providers"),
      ul(`Okta (see ${articleLink(47, "set-up-sso-with-okta", "Set up SSO with Okta")})`, `Microsoft Entra ID (see ${articleLink(48, "set-up-sso-with-microsoft-entra-id", "Set up SSO with Microsoft Entra ID")})`, "Any SAML 2.0 provider"),
      h2("What changes for members"),
      p("Members sign in with <em>Sign in with SSO</em>. Their Acme password stops working once SSO is enforced, and password reset emails are no longer sent."),
      p("You can map identity provider groups to Acme roles, so access follows your directory."),
    ),
  },
  {
    id: 47,
    cat: 5,
    name: "Set up SSO with Okta",
    desc: "Add Acme to Okta with SAML and map groups to roles.",
    tags: ["sso", "okta", "saml"],
    shape: "object",
    body: body(
      p("You need to be an Acme owner and an Okta administrator."),
      h2("In Okta"),
      ol("Applications, Browse App Catalog, search for <em>Acme Work</em>, and add it.", "Copy the metadata URL from the Sign On tab."),
      h2("In Acme"),
      ol("Settings, Security, SSO, choose Okta.", "Paste the metadata URL and save.", "Test with <em>Test sign-in</em> before enforcing SSO."),
      img("1712476800000-okta-sso-settings.png", "The SSO settings page with Okta selected"),
      p("Keep one owner account able to sign in with a password until you have confirmed SSO works."),
    ),
  },
  {
    id: 48,
    cat: 5,
    name: "Set up SSO with Microsoft Entra ID",
    desc: "Configure SAML SSO with Microsoft Entra ID (formerly Azure AD).",
    tags: ["sso", "entra id", "azure ad", "saml"],
    body: body(
      p("Microsoft Entra ID (formerly Azure Active Directory) supports SAML SSO with Acme."),
      ol("In the Entra admin centre, Enterprise applications, New application, search for <em>Acme Work</em>.", "Under Single sign-on, choose SAML and copy the App Federation Metadata Url.", "In Acme, Settings, Security, SSO, choose Microsoft and paste the URL."),
      table(["Claim", "Value"], [["email", "user.mail"], ["firstName", "user.givenname"], ["lastName", "user.surname"], ["groups", "user.groups"]]),
      p("Assign users or groups to the application in Entra before they try to sign in."),
    ),
  },
  {
    id: 49,
    cat: 5,
    name: "SAML SSO troubleshooting",
    desc: "Fix common SAML errors: clock skew, wrong audience, missing email claim.",
    tags: ["sso", "saml", "errors"],
    body: body(
      p("When SSO sign-in fails, Acme shows an error code. These are the common ones."),
      table(["Code", "Meaning", "Fix"], [["SAML-01", "Response expired", "Check your identity provider's clock"], ["SAML-02", "Wrong audience", "Use the audience URI from Acme's SSO page"], ["SAML-03", "No email claim", "Map the email attribute"], ["SAML-04", "User not assigned", "Assign the user to the app"]]),
      p("Owners can always sign in at app.acme.test/login?sso=bypass with their password, to fix a broken SSO setup."),
    ),
  },
  {
    id: 50,
    cat: 5,
    name: "Password policy for your workspace",
    desc: "Set minimum length, expiry and reuse rules for members' passwords.",
    tags: ["password", "policy", "security"],
    body: body(
      p("Admins can set a password policy under Settings, Security, Password policy. It applies to members who sign in with a password, not with SSO."),
      table(["Rule", "Default", "Range"], [["Minimum length", "12", "8 to 64"], ["Expiry", "never", "30 to 365 days"], ["Reuse", "last 5", "0 to 24"]]),
      p("When you tighten the policy, members are asked to reset their password the next time they sign in. Passwords are checked against known breached passwords."),
    ),
  },
  {
    id: 51,
    cat: 5,
    name: "Audit log",
    desc: "See who changed settings, members, API keys and SSO, and export the log.",
    tags: ["audit", "security", "export"],
    body: body(
      p("The audit log records security-relevant events for 365 days: sign-ins, role changes, API key creation and revocation, SSO changes and data exports."),
      p("Open Settings, Security, Audit log to filter by member, event or date. Choose <em>Export</em> to download the filtered events as CSV, or stream them to your SIEM through the API."),
      code("json", "{ \"event\": \"api_key.created\", \"actor\": \"marcus@acme.test\", \"at\": \"2025-02-11T08:30:00Z\" }"),
    ),
  },
  {
    id: 52,
    cat: 5,
    name: "Data retention and exports for compliance",
    desc: "How long we keep data, and how to export it for audits and legal holds.",
    tags: ["compliance", "retention", "export", "gdpr"],
    body: body(
      p("We keep your data as long as your subscription is active, plus 30 days. Backups are kept for 35 days."),
      h2("Exports for audits"),
      p(`Owners can ${articleLink(20, "export-your-account-data", "export all account data")} at any time. For legal holds, Enterprise customers can export the audit log and deleted items for a custom period.`),
      h2("Personal data requests"),
      p("To export or erase the data of one person, write to privacy@acme.test from the owner's address."),
    ),
  },
  {
    id: 53,
    cat: 5,
    name: "Restrict access by IP address",
    desc: "Allow sign-ins and API requests only from your office or VPN.",
    tags: ["ip allowlist", "security", "enterprise"],
    body: body(
      p("On the Enterprise plan, admins can restrict access to a list of IP ranges."),
      p("Under Settings, Security, IP allowlist, add ranges in CIDR notation, for example <code>203.0.113.0/24</code>. Choose whether the list applies to the web app, the API, or both."),
      warn("Add your own address first, or you will lock yourself out. Owners can undo the change from the link in the confirmation email."),
    ),
  },
  {
    id: 54,
    cat: 5,
    name: "Session timeout settings",
    desc: "Sign members out after a period of inactivity.",
    tags: ["session", "security", "timeout"],
    body: body(
      p("By default, Acme keeps you signed in for 30 days on a trusted device. Admins can shorten this."),
      p("Under Settings, Security, Sessions, choose an idle timeout between 15 minutes and 30 days, and an absolute maximum session length."),
      p("Changes apply to new sessions. To end all current sessions, choose <em>Sign out everyone</em>."),
    ),
  },
  {
    id: 73,
    cat: 5,
    access: 0,
    name: "Shared password vault for the support team",
    desc: "Where the support team keeps shared passwords and how to request access.",
    tags: ["password", "vault", "internal"],
    body: body(
      p("Shared credentials for support tooling live in the team vault in 1Password, never in tickets or chat."),
      p("Request access from your team lead. Rotate a shared password whenever someone leaves the team, and reset it at once if it appears in a ticket."),
    ),
  },
  {
    id: 74,
    cat: 5,
    access: 2,
    groups: [PARTNERS_GROUP_ID],
    name: "Enterprise SSO rollout guide for partners",
    desc: "A step-by-step plan partners use to roll out SSO for their customers.",
    tags: ["sso", "partners", "rollout"],
    body: body(
      p("This guide is for certified partners implementing SSO for an Acme Enterprise customer."),
      ol("Week 1: collect the identity provider metadata and the group-to-role mapping.", "Week 2: test with a pilot group; keep password sign-in for owners.", "Week 3: enforce SSO and retire passwords."),
      p("Log each rollout in the partner portal so the customer's success manager can follow along."),
    ),
  },

  // ── Support playbooks (6, internal) ─────────────────────────────────────────────────────────────
  {
    id: 60,
    cat: 6,
    name: "Playbook: manual password reset for locked accounts",
    desc: "Verify identity, then reset a customer's password from the admin console.",
    tags: ["password", "reset", "playbook"],
    author: 3,
    body: body(
      p("Use this only when the customer cannot receive the reset email and is not on SSO."),
      ol("Verify identity: the customer replies from the account address and confirms the last invoice amount.", "In the admin console, open the account and choose <em>Force password reset</em>.", "Send the one-time link by email, never in chat."),
      warn("Never set a password for a customer and never read one out on a call."),
      insertArticle(64),
    ),
  },
  {
    id: 61,
    cat: 6,
    name: "Playbook: refunds and credit notes",
    desc: "When support may refund, and how to issue a credit note against an invoice.",
    tags: ["refund", "invoice", "billing", "playbook"],
    shape: "object",
    author: 2,
    body: body(
      p("Support may refund up to one month of the current plan without approval. Anything above goes to the billing lead."),
      ol("Find the invoice in the billing console.", "Choose <em>Issue credit note</em>, the amount and the reason code.", "Reply to the customer with the credit note number."),
      table(["Reason code", "Use for"], [["DUP", "Duplicate charge"], ["SLA", "Outage credit"], ["GW", "Goodwill"]]),
      p("Credit notes appear on the customer's next invoice automatically. Never refund to a different card than the one charged."),
    ),
  },
  {
    id: 62,
    cat: 6,
    name: "Playbook: SSO escalation checklist",
    desc: "What to collect before escalating an SSO ticket to engineering.",
    tags: ["sso", "saml", "escalation", "playbook"],
    author: 3,
    body: body(
      p("Collect all of the following before you escalate an SSO problem:"),
      ul("The SAML response (from the browser's SAML tracer), with the signature intact.", "The error code and the time it happened, with time zone.", "The identity provider and whether it worked before."),
      p("Escalate in #eng-identity with the ticket link. Do not paste SAML responses into chat; attach them to the ticket."),
    ),
  },
  {
    id: 63,
    cat: 6,
    name: "Playbook: a customer's API key leaked",
    desc: "Revoke the key, check the audit log, tell the customer what happened.",
    tags: ["api key", "security", "incident", "playbook"],
    author: 2,
    body: body(
      p("If a customer's API key appears in public (a repository, a forum post, a ticket), act within the hour."),
      ol("Revoke the key from the admin console.", "Export the audit log for the key's last 30 days and look for unusual requests.", "Tell the customer, with the time of revocation and what the log shows."),
      p("Open a security incident if the log shows requests from unknown addresses."),
    ),
  },
  {
    id: 64,
    cat: 6,
    name: "Playbook: personal data export requests",
    desc: "Handle GDPR access and erasure requests within 30 days.",
    tags: ["gdpr", "export", "privacy", "playbook"],
    author: 3,
    body: body(
      p("Requests arrive at privacy@acme.test. The clock starts when the request arrives, not when we answer."),
      ol("Check that the request comes from the workspace owner or the person themselves.", "Start the export from the admin console, <em>Personal data export</em>.", "Send the archive link, valid for seven days."),
      p("Log the request and the date it was completed in the privacy register."),
    ),
  },
  {
    // Public by its own flag, internal by its category: Helpjuice hides it from customers because the
    // category limits the articles inside. A client that only checks the article's accessibility leaks it.
    id: 77,
    cat: 6,
    access: 1,
    name: "Escalation matrix: who to page for a priority 1 ticket",
    desc: "Severity levels, response targets and the on-call rota for tickets support cannot solve alone.",
    tags: ["escalation", "on-call", "priority", "playbook"],
    author: 2,
    body: body(
      p("Use this escalation matrix when a ticket is beyond first-line support: a workspace is down, data looks lost, or a security report comes in. It tells you who to page and how fast they must answer."),
      table(
        ["Severity", "Example", "Page", "First response"],
        [
          ["P1", "Workspace unreachable, data loss, suspected breach", "On-call engineer and the support lead", "15 minutes, day or night"],
          ["P2", "A feature broken for many customers, SSO failing for one Enterprise workspace", "On-call engineer (business hours)", "1 hour"],
          ["P3", "A bug with a workaround", "Create an engineering ticket; no page", "Next business day"],
        ],
      ),
      h2("Before you page"),
      ol("Confirm the problem yourself in the customer's workspace (read-only admin view).", "Check the status page and the #incidents channel: it may be known already.", "Write down the workspace URL, the time it started and what the customer sees."),
      p("Page through the on-call tool, never by phone or chat alone, so the page is logged. If nobody acknowledges within the response time, page the next person in the matrix: the engineering manager, then the VP of Engineering."),
      warn("Never share the on-call rota or engineers' phone numbers with customers."),
    ),
  },

  // ── Partner program (7, private) ────────────────────────────────────────────────────────────────
  {
    id: 65,
    cat: 7,
    name: "Partner program overview",
    desc: "Tiers, benefits and obligations of Acme partners.",
    tags: ["partners", "program"],
    author: 2,
    body: body(
      p("The Acme partner program has three tiers: Registered, Silver and Gold. Each comes with a discount on resold licences and access to the partner portal."),
      table(["Tier", "Discount", "Certified staff"], [["Registered", "10%", "0"], ["Silver", "20%", "2"], ["Gold", "30%", "5"]]),
      p("Tiers are reviewed every January based on the previous year's bookings."),
    ),
  },
  {
    id: 66,
    cat: 7,
    name: "Partner portal: password and access",
    desc: "Sign in to the partner portal, reset your password and add colleagues.",
    tags: ["partners", "portal", "password"],
    shape: "object",
    author: 2,
    body: body(
      p("The partner portal at partners.acme.test uses a separate account from the Acme app."),
      p("To reset your portal password, choose <em>Forgot password</em> on the portal's sign-in page. Your partner manager can add colleagues to your company's portal account."),
    ),
  },
  {
    id: 67,
    cat: 7,
    name: "Reseller invoicing and commissions",
    desc: "How Acme invoices resellers and pays commissions each quarter.",
    tags: ["partners", "invoice", "commission", "billing"],
    author: 1,
    body: body(
      p("Resellers receive one invoice per month for all customer workspaces they manage, at their tier's discount."),
      p("Referral commissions are paid quarterly by bank transfer, within 30 days of the quarter's end, with a statement listing each referred workspace."),
    ),
  },
  {
    id: 68,
    cat: 7,
    name: "Partner API sandbox and API keys",
    desc: "Get a sandbox workspace and API keys for building integrations.",
    tags: ["partners", "api", "api key", "sandbox"],
    author: 1,
    body: body(
      p("Partners building integrations get a sandbox workspace with sample data. Sandbox API keys work only against sandbox.acme.test."),
      p("Request production API key scopes for your integration through the partner portal; reviews take about a week."),
    ),
  },

  // ── Drafts (unpublished, in public categories) ─────────────────────────────────────────────────
  {
    id: 69,
    cat: 5,
    published: false,
    name: "New password requirements (coming soon)",
    desc: "Draft: longer minimum password length and passkeys from next quarter.",
    tags: ["password", "draft"],
    author: 4,
    body: body(
      p("From next quarter, new passwords must be at least 14 characters, and you will be able to sign in with a passkey instead of a password."),
      p("Existing passwords keep working until your next password reset."),
    ),
  },
  {
    id: 70,
    cat: 3,
    published: false,
    name: "The new invoice layout: FAQ",
    desc: "Draft: what changes on invoices from July.",
    tags: ["invoice", "billing", "draft"],
    author: 4,
    body: body(p("From July, invoices group seats by project and show taxes per line. Invoice numbers keep their format."), p("Old invoices are not reissued.")),
  },
  {
    id: 71,
    cat: 5,
    published: false,
    shape: "object",
    name: "Set up SSO with Google Workspace",
    desc: "Draft: SAML SSO with Google Workspace.",
    tags: ["sso", "google", "saml", "draft"],
    author: 4,
    body: body(p("Google Workspace supports SAML SSO with Acme through a custom SAML app."), p("Steps to follow once the feature is released.")),
  },
  {
    id: 72,
    cat: 2,
    published: false,
    name: "Bulk export API",
    desc: "Draft: export whole projects through one API call.",
    tags: ["api", "export", "draft"],
    author: 4,
    body: body(p("The bulk export endpoint will return a job id; poll it until the archive is ready."), p("Exports are limited to one running job per workspace."), code("bash", "curl -X POST https://api.acme.test/v2/exports -H \"Authorization: Bearer $ACME_API_KEY\"")),
  },
  {
    id: 76,
    cat: 6,
    published: false,
    name: "Playbook draft: password reset by phone",
    desc: "Draft: verifying callers before a password reset.",
    tags: ["password", "reset", "playbook", "draft"],
    author: 3,
    body: body(p("Proposal: allow password resets by phone for Enterprise customers after a callback to the number on file."), p("Not approved yet.")),
  },
];

// ── build ───────────────────────────────────────────────────────────────────────────────────────────

/** The codename Helpjuice derives from a title: lower case, ASCII words joined by dashes. */
export const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 8, 9, 30, 0);

function build(def: ArticleDef): SeedArticle {
  const cat = CATEGORIES.find((c) => c.id === def.cat);
  if (!cat) throw new Error(`article ${def.id}: no category ${def.cat}`);
  const created = EPOCH + def.id * 3 * DAY + ((def.id * 7_919) % 36_000) * 1_000;
  const updated = created + ((def.id * 37) % 300) * DAY + ((def.id * 4_241) % 20_000) * 1_000 + 529;
  return {
    id: def.id,
    name: def.name,
    description: def.desc,
    codename: slugify(def.name),
    category_ids: [def.cat, ...(def.also ?? [])],
    accessibility: def.access ?? cat.accessibility,
    published: def.published ?? true,
    user_ids: [],
    group_ids: def.groups ?? (cat.accessibility === 2 ? [...cat.group_ids] : []),
    tags: def.tags,
    body: def.body,
    views: 40 + ((def.id * 7_919) % 4_800),
    created_at: new Date(created).toISOString(),
    updated_at: new Date(updated).toISOString(),
    author_id: def.author ?? ((def.id % 3) + 1),
    answerShape: def.shape ?? "array",
    translations: TRANSLATIONS[def.id] ?? {},
  };
}

/** Every article of the seed, by id. Treat as read-only; the fake works on a copy. */
export const ARTICLES: SeedArticle[] = [...DEFS, ...HOSTILE_ARTICLES].map(build).sort((x, y) => x.id - y.id);

{
  const ids = new Set<number>();
  for (const art of ARTICLES) {
    if (ids.has(art.id)) throw new Error(`duplicate article id ${art.id}`);
    ids.add(art.id);
  }
}
