// Following a case live: `caseUpdated` over graphql-transport-ws on the GraphQL path, the token in
// connection_init. After a drop it reconnects (waiting longer each time, at most 30 s) and passes the
// version it last saw as sinceVersion, so it hears the present state only if something changed.

import { GRAPHQL, session } from "./api.js";

const PROTOCOL = "graphql-transport-ws";

export function follow(caseId, fields, onCase, onState = () => {}) {
  let socket = null;
  let version = null;
  let stopped = false;
  let wait = 1000;
  let timer = null;
  const query = `subscription Follow($id: ID!, $since: Int) { caseUpdated(caseId: $id, sinceVersion: $since) { ${fields} } }`;

  function connect() {
    const url = new URL(GRAPHQL);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(url, PROTOCOL);
    socket.onopen = () => {
      const token = session()?.token;
      socket.send(JSON.stringify({ type: "connection_init", payload: { Authorization: `Bearer ${token}` } }));
    };
    socket.onmessage = (event) => receive(JSON.parse(event.data));
    socket.onclose = (event) => {
      if (stopped) return;
      onState(event.code === 4403 || event.code === 4401 ? "refused" : "reconnecting");
      if (event.code === 4403 || event.code === 4401) return;
      timer = setTimeout(connect, wait);
      wait = Math.min(wait * 2, 30000);
    };
  }

  function receive(message) {
    if (message.type === "connection_ack") {
      wait = 1000;
      onState("live");
      socket.send(JSON.stringify({ id: "case", type: "subscribe",
                                   payload: { query, variables: { id: caseId, since: version } } }));
    } else if (message.type === "ping") {
      socket.send(JSON.stringify({ type: "pong" }));
    } else if (message.type === "next" && message.payload?.data?.caseUpdated) {
      const current = message.payload.data.caseUpdated;
      version = current.version;
      onCase(current);
    } else if (message.type === "error" || message.payload?.errors) {
      onState("refused");
    } else if (message.type === "complete") {
      onState("finished");
    }
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
  };
}
