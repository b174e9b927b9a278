// The public GraphQL API over HTTP: queries and mutations as JSON, files as the GraphQL multipart
// request spec says (with the GraphQL-Preflight header the gateway asks for against forged forms).

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
export const GRAPHQL = new URL(meta("graphql") || "../graphql", document.baseURI).href;
export const DEV_SIGN_IN = meta("dev-sign-in") === "on";
const SESSION = "portal.session";

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

export function session() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION) || "null");
    if (saved && saved.expiresAt > Date.now()) return saved;
  } catch {
    /* a damaged entry is as good as none */
  }
  sessionStorage.removeItem(SESSION);
  return null;
}

export function signIn(token) {
  const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  const saved = { token, role: claims.role, subject: claims.sub, region: claims.region ?? null,
                  expiresAt: claims.exp * 1000 };
  sessionStorage.setItem(SESSION, JSON.stringify(saved));
  return saved;
}

// Signing out forgets everything the portal kept in this tab (the token, the numbers typed).
export function signOut() {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith("portal.")) sessionStorage.removeItem(key);
}

function headers(extra = {}) {
  const token = session()?.token;
  return { Accept: "application/graphql-response+json, application/json",
           ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra };
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`服务暂时不可用（${response.status}），请稍后再试`, "UNAVAILABLE");
  }
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? "ERROR";
    if (code === "UNAUTHENTICATED") {
      signOut();
      window.dispatchEvent(new CustomEvent("portal:signed-out", { detail: first.message }));
    }
    throw new ApiError(first.message, code);
  }
  return body.data;
}

export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch(GRAPHQL, { method: "POST", headers: headers({ "Content-Type": "application/json" }),
                                      body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError("网络连接中断，请检查网络后重试", "NETWORK");
  }
  return answer(response);
}

export async function upload(query, variables, path, file) {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables }));
  form.append("map", JSON.stringify({ 0: [`variables.${path}`] }));
  form.append("0", file, file.name);
  let response;
  try {
    response = await fetch(GRAPHQL, { method: "POST", headers: headers({ "GraphQL-Preflight": "1" }), body: form });
  } catch {
    throw new ApiError("网络连接中断，文件未上传，请重试", "NETWORK");
  }
  return answer(response);
}

export async function devSignIn(request) {
  const response = await fetch(new URL("dev-sign-in", document.baseURI), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  const body = await response.json();
  if (!response.ok) return { errors: body.errors ?? [{ field: "subject", message: "登录失败" }] };
  return { session: signIn(body.token) };
}
