// The graphql-yoga baseline of scripts/bench_status.py: one Node process serving the gateway's own
// schema (schema/schema.graphql) and, for `case`, the gateway's own answer for the benchmarked case.
// Every other field is graphql-js's default resolver, so yoga parses, validates and executes the
// very same query over the very same data; custom scalars pass their values through as they are.
//
//   node server.mjs PORT SCHEMA_FILE ANSWER_FILE
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";

const [port, schemaFile, answerFile] = process.argv.slice(2);
const answer = JSON.parse(readFileSync(answerFile, "utf8"));

const yoga = createYoga({
  schema: createSchema({
    typeDefs: readFileSync(schemaFile, "utf8"),
    // The Authorization header is accepted and ignored: the answer is the one the caller was given.
    resolvers: { Query: { case: () => answer.data.case } },
  }),
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  logging: "warn",
});

const server = createServer(yoga);
server.listen(Number(port), "127.0.0.1", () => console.log(`yoga listening on 127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
