// The GraphQL-over-HTTP audit of graphql-http (the reference implementation of the spec), run
// against the gateway. Prints a JSON list: { id, name, status: "ok" | "warn" | "error", reason }.
// Usage: node audit.mjs <graphql url>
import { serverAudits } from "graphql-http";

const [url] = process.argv.slice(2);
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
