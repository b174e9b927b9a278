// Apollo Client with its persisted-query link, as a mobile app is built: the query goes by its
// sha256 over GET, and in full (POST) only when the gateway asks for it.
//   node apollo.mjs manifest            the app build's manifest of its operations (one JSON line)
//   node apollo.mjs run <url> [token]   runs them twice, then one the build did not register;
//                                        prints one JSON line per HTTP request and per result
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { addTypenameToDocument } from "@apollo/client/utilities";
import { print } from "graphql";
import { createHash } from "node:crypto";

const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const REGISTERED = gql`query Catalogue { itemCatalogue { kind title } }`;
const UNREGISTERED = gql`query Kinds { itemCatalogue { kind } }`;

const [mode, url, token] = process.argv.slice(2);
if (mode === "manifest") {
  // as @apollo/generate-persisted-query-manifest does: the document the cache sends, __typename added
  const body = print(addTypenameToDocument(REGISTERED));
  const operations = [{ id: sha256(body), name: "Catalogue", type: "query", body }];
  console.log(JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations }));
} else {
  const logged = async (input, init) => {
    const response = await fetch(input, init);
    const sent = init?.method === "GET" ? new URL(input).searchParams.get("query") : JSON.parse(init.body).query;
    console.log(JSON.stringify({ request: init?.method ?? "GET", withQuery: Boolean(sent), status: response.status }));
    return response;
  };
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const link = ApolloLink.from([
    new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
    new HttpLink({ uri: url, fetch: logged, headers }),
  ]);
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  for (const query of [REGISTERED, REGISTERED, UNREGISTERED]) {
    try {
      const { data, error } = await client.query({ query, fetchPolicy: "network-only" });
      const codes = error?.errors?.map((e) => e.extensions?.code) ?? [];
      console.log(JSON.stringify({ result: data ? data.itemCatalogue.length : null, codes }));
    } catch (error) {
      const codes = (error?.errors ?? []).map((e) => e.extensions?.code);
      console.log(JSON.stringify({ result: null, codes, error: String(error?.message ?? error) }));
    }
  }
}
