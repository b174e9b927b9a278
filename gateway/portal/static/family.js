// The family's pages: their cases, a new application, and one case followed live.

import { gql } from "./api.js";
import * as view from "./casepage.js";
import { caseActions } from "./family_actions.js";
import { h, fill, mount, announce, when } from "./dom.js";
import { applicationForm } from "./form.js";
import { follow } from "./live.js";
import { DONE } from "./labels.js";
import { rememberDeceased } from "./memory.js";

const MINE = `query Mine { cases(first: 50) { edges { node { id reference status submittedAt deceased { name }
  progress { total completed } } } } }`;
const SUBMIT = `mutation Submit($input: ApplicationInput!, $key: String) {
  submitApplication(input: $input, idempotencyKey: $key) { case { id reference } errors { field code message } } }`;

export async function home() {
  const { cases } = await gql(MINE);
  const rows = cases.edges.map(({ node: c }) => h("li", { class: "case-row" },
    h("a", { href: `#/case/${encodeURIComponent(c.id)}` }, `${c.deceased.name} · ${c.reference}`),
    view.statusBadge(c.status), h("small", {}, `提交于 ${when(c.submittedAt)}，已办结 ${c.progress.completed}/${c.progress.total}`)));
  mount(h("h1", {}, "我的申请"),
    h("p", {}, "亲人离世，我们深表哀悼。一次申请，各部门联合办理，进展会在这里实时显示。"),
    h("p", {}, h("a", { class: "button primary", href: "#/new" }, "开始新的申请")),
    rows.length ? h("ul", { class: "cases" }, rows) : h("p", { class: "empty" }, "您还没有提交过申请。"));
}

export async function newApplication(me, channel = "WEB") {
  const key = crypto.randomUUID(); // one form, one case: a second click or a retry returns the same case
  const { form } = await applicationForm({ channel, applicantId: me.role === "applicant" ? me.subject : null,
    onSend: async (input) => {
      const { submitApplication: answer } = await gql(SUBMIT, { input, key });
      if (answer.errors.length) return answer.errors;
      rememberDeceased(answer.case.id, input.deceased.idNumber);
      announce(`申请已提交，受理编号 ${answer.case.reference}`);
      location.hash = `#/case/${encodeURIComponent(answer.case.id)}`;
      return [];
    } });
  mount(h("h1", {}, channel === "WINDOW" ? "窗口代办：填写统一申请表" : "填写统一申请表"), form);
}

// The case page: a live part redrawn on every update, and the actions, redrawn only when what
// they depend on changed (so a correction being typed is not wiped by an item completing).
export async function casePage(me, caseId, actionsFor = caseActions) {
  const live = h("div", { class: "live-part" }, h("p", { class: "loading" }, "正在读取申请……"));
  const actions = h("div", { class: "actions" });
  mount(h("p", {}, h("a", { href: "#/" }, "← 返回列表")), live, actions);
  let state = "reconnecting";
  let current = null;
  let actionsKey = "";
  const draw = () => {
    if (!current) return;
    fill(live, view.caseHeader(current, state), view.reviewNote(current), view.summary(current),
      view.certificates(current), view.itemsList(current, actionsFor.itemActions?.(me, current)),
      view.materials(current), view.timeline(current));
    const key = [current.status, current.missingMaterials.join(), current.items.map((i) => i.status).join()].join("|");
    if (key !== actionsKey) {
      actionsKey = key;
      fill(actions, actionsFor(me, current, refresh));
    }
  };
  const refresh = async () => {
    const { case: fresh } = await gql(`query Case($id: ID!) { case(id: $id) { ${view.CASE_FIELDS} } }`, { id: caseId });
    if (!fresh) throw new Error("找不到该申请，或您无权查看");
    if (!current || fresh.version >= current.version) current = fresh;
    draw();
  };
  const stop = follow(caseId, view.CASE_FIELDS, (c) => {
    const before = current?.status;
    if (!current || c.version >= current.version) current = c;
    if (before && before !== c.status) announce(`申请状态：${view.statusBadge(c.status).textContent}`);
    draw();
  }, (s) => { state = DONE.has(current?.status) && s === "finished" ? "finished" : s; draw(); });
  window.addEventListener("hashchange", stop, { once: true });
  try {
    await refresh();
  } catch (error) {
    stop();
    throw error;
  }
}
