// The portal's start: who is signed in, and which page the address asks for.

import { ApiError, DEV_SIGN_IN, devSignIn, session, signIn, signOut } from "./api.js";
import { clerkActions, queue } from "./clerk.js";
import { h, mount, announce } from "./dom.js";
import { casePage, home, newApplication } from "./family.js";
import { idNumberProblem } from "./checks.js";

const ROLE_NAMES = { applicant: "家属", clerk: "窗口人员" };

function nav(me) {
  const box = document.getElementById("nav");
  box.replaceChildren();
  if (!me) return;
  box.append(h("span", {}, `${ROLE_NAMES[me.role] ?? me.role}已登录`),
    h("button", { type: "button", class: "link", onclick: leave }, "退出"));
}

// Signing out goes home; a change of address draws the page (once), the same address is drawn here.
function leave() {
  signOut();
  if (location.hash === "#/") route();
  else location.hash = "#/";
}

function signInPage(message = "") {
  const forms = [];
  if (DEV_SIGN_IN) {
    forms.push(signInForm("家属登录", "applicant", [["subject", "您的身份证号码"]]),
      signInForm("窗口人员登录", "clerk", [["subject", "工号"], ["region", "所属区划代码（如 6401）"]]));
  }
  const token = h("textarea", { id: "token", rows: 3, autocomplete: "off" });
  const error = h("p", { class: "error", role: "alert" });
  const paste = h("form", { class: "panel" }, h("h2", {}, "使用令牌登录"),
    h("label", { for: "token" }, "统一身份认证颁发的令牌"), token, error, h("button", { type: "submit" }, "登录"));
  paste.addEventListener("submit", (event) => {
    event.preventDefault();
    try {
      signIn(token.value.trim());
      route();
    } catch {
      error.textContent = "令牌格式不正确";
    }
  });
  mount(h("h1", {}, "登录"), message ? h("p", { class: "note", role: "alert" }, message) : null,
    DEV_SIGN_IN ? h("p", { class: "hint" }, "开发环境：以下登录直接签发 2 小时有效的令牌，正式环境请通过统一身份认证登录。") : null,
    h("div", { class: "sign-in" }, forms), paste);
}

function signInForm(title, role, inputs) {
  const controls = inputs.map(([name, label]) => [name, label, h("input", { id: `${role}-${name}`, name, autocomplete: "off" })]);
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "panel", "data-role": role }, h("h2", {}, title),
    controls.map(([name, label, input]) => [h("label", { for: `${role}-${name}` }, label), input]), error,
    h("button", { type: "submit", class: "primary" }, "登录"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const request = Object.fromEntries(controls.map(([name, , input]) => [name, input.value.trim()]));
    const problem = role === "applicant" ? idNumberProblem(request.subject) : null;
    if (problem) return void (error.textContent = problem);
    let answer;
    try {
      answer = await devSignIn({ role, ...request });
    } catch {
      answer = { errors: [{ message: "网络连接中断，请检查网络后重试" }] };
    }
    if (answer.errors) error.textContent = answer.errors.map((e) => e.message).join("；");
    else route();
  });
  return form;
}

async function route() {
  const me = session();
  nav(me);
  if (!me) return signInPage();
  if (!ROLE_NAMES[me.role]) {
    return mount(h("h1", {}, "本页面供家属和窗口人员使用"),
      h("p", {}, "当前令牌的身份不能在此办理，请退出后以家属或窗口人员身份登录。"));
  }
  const [, page, arg] = location.hash.replace(/^#/, "").split("/");
  const clerk = me.role === "clerk";
  try {
    if (page === "new") await newApplication(me, clerk ? "WINDOW" : "WEB");
    else if (page === "case" && arg) await casePage(me, decodeURIComponent(arg), clerk ? clerkActions : undefined);
    else if (clerk) await queue(me, page === "queue" && arg ? arg : "review");
    else await home();
  } catch (error) {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") return signInPage(error.message);
    mount(h("h1", {}, "出了点问题"), h("p", { role: "alert" }, error.message), h("p", {}, h("a", { href: "#/" }, "返回首页")));
  }
}

window.addEventListener("portal:signed-out", (event) => { announce(event.detail); route(); });
window.addEventListener("hashchange", route);
route();
