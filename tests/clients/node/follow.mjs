// Follows one case with graphql-ws, the reference graphql-transport-ws client, as a mobile app would.
// Prints one JSON line per message received, then exits when the case settles or `count` arrive.
// Usage: node follow.mjs <ws url> <token> <case id> [sinceVersion] [count]
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, token, caseId, since, count] = process.argv.slice(2);
const settled = new Set(["COMPLETED", "PARTIALLY_COMPLETED", "WITHDRAWN"]);
const wanted = count ? Number(count) : Infinity;
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
});
const query = `subscription($id: ID!, $since: Int) {
  caseUpdated(caseId: $id, sinceVersion: $since) { id status version } }`;
const variables = { id: caseId, since: since === undefined || since === "" ? null : Number(since) };
let received = 0;
try {
  for await (const result of client.iterate({ query, variables })) {
    console.log(JSON.stringify(result));
    received += 1;
    const status = result.data?.caseUpdated?.status;
    if (result.errors || settled.has(status) || received >= wanted) break;
  }
} catch (error) {
  console.log(JSON.stringify({ clientError: String(error?.reason ?? error?.message ?? error) }));
} finally {
  await client.dispose();
}
