/** Responses shaped the way a Rails API answers: JSON with charset, Rails' static error pages as HTML. */
import { TOO_MANY_REQUESTS_BODY } from "./rate-limit";

const RAILS_HEADERS = {
  "Cache-Control": "max-age=0, private, must-revalidate",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "SAMEORIGIN",
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...RAILS_HEADERS, "X-Request-Id": crypto.randomUUID(), ...headers },
  });
}

export function html(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "X-Request-Id": crypto.randomUUID() },
  });
}

export const forbidden = () => json(403, { error: "You are not authorized to access this resource. Please provide a valid API key." });
export const unauthorized = () => json(401, { error: "Unauthorized: no active user with this email." });
export const notFound = () => json(404, { error: "Not found" });
export const unprocessable = (errors: Array<Record<string, string>>) => json(422, { errors });
/** Exactly what Helpjuice sends past its limit: this body, and no Retry-After. */
export const tooManyRequests = () => json(429, TOO_MANY_REQUESTS_BODY);

const page = (title: string, h1: string, p: string) => `<!DOCTYPE html>
<html>
<head>
  <title>${title}</title>
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <style>body { background-color: #EFEFEF; color: #2E2F30; text-align: center; font-family: arial, sans-serif; margin: 0; }</style>
</head>
<body class="rails-default-error-page">
  <div class="dialog">
    <div><h1>${h1}</h1><p>${p}</p></div>
  </div>
</body>
</html>
`;

/** Rails' public/404.html: what an unknown route (or a known path with the wrong method) gets. */
export const routingNotFound = () =>
  html(404, page("The page you were looking for doesn't exist (404)", "The page you were looking for doesn't exist.", "You may have mistyped the address or the page may have moved."));

/** Rails' public/500.html. */
export const railsServerError = (status = 500) =>
  html(status, page("We're sorry, but something went wrong (500)", "We're sorry, but something went wrong.", "If you are the application owner check the logs for more information."));

/** What a load balancer in front of the app answers for 502/503/504. */
export const gatewayError = (status: number) => {
  const reason: Record<number, string> = { 502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out" };
  const title = `${status} ${reason[status] ?? "Error"}`;
  return html(status, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
};

/** A 200 that is not JSON: the help centre's maintenance page, as a misrouted request might get. */
export const maintenancePage = () =>
  html(
    200,
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme Help Center</title></head><body><main><h1>We'll be right back</h1><p>The Acme Help Center is undergoing scheduled maintenance.</p></main></body></html>`,
  );
