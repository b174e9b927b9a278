// Starts GraphiQL on this page. A file, not an inline script, so the page's content policy can
// allow scripts from this origin only. The example operation comes from the page (a JSON data
// block that is never executed); the gateway's address is the page's own.
(function () {
  "use strict";

  const example = JSON.parse(document.getElementById("graphiql-example").textContent);
  const url = window.location.href.split(/[?#]/)[0];
  const socket = new URL(url);
  socket.protocol = socket.protocol === "https:" ? "wss:" : "ws:";

  // The Headers editor's JSON goes with every HTTP request and, for a subscription, in the
  // WebSocket's connection_init payload: {"Authorization": "Bearer <token>"} works for both.
  const fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: socket.toString() });
  const explorer = GraphiQLPluginExplorer.explorerPlugin();

  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: example,
      plugins: [explorer],
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
    }),
  );
})();
