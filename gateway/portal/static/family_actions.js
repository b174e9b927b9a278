// What a family can do on its case: attach papers, see why items apply, correct and resubmit, rate.

import { gql, upload } from "./api.js";
import { h, announce } from "./dom.js";
import { Fields } from "./fields.js";
import { accountFields, accountInput, applicantFields, applicantInput, deceasedFields, deceasedInput } from "./form.js";
import { MATERIAL } from "./labels.js";
import { rememberedDeceased } from "./memory.js";

const ATTACH = `mutation Attach($c: ID!, $k: MaterialKind!, $f: Upload!) {
  attachMaterial(caseId: $c, kind: $k, file: $f) { material { id } errors { field code message } } }`;
const RESUBMIT = `mutation Resubmit($id: ID!, $c: CorrectionInput) {
  resubmitApplication(caseId: $id, corrections: $c) { case { id status } errors { field code message } } }`;
const ELIGIBILITY = `query Why($d: String!) { eligibility(deceasedIdNumber: $d) { unavailableAgencies
  items { kind applicable reason } } }`;
const WITHDRAW = `mutation Withdraw($id: ID!, $r: String!) { withdrawApplication(caseId: $id, reason: $r) {
  case { id status } errors { field code message } } }`;
const WITHDRAWABLE = new Set(["SUBMITTED", "UNDER_REVIEW", "RETURNED"]);
const RATE = `mutation Rate($id: ID!, $i: RatingInput!) { rateCase(caseId: $id, input: $i) { rating { score } errors { field code message } } }`;

const panel = (title, ...body) => h("section", { class: "panel" }, h("h3", {}, title), ...body);
const errorLine = () => h("p", { class: "error", role: "alert" });

export function caseActions(me, c, refresh) {
  const out = [];
  if (c.status === "RETURNED" || c.items.some((i) => i.status === "REJECTED")) out.push(correction(me, c, refresh));
  if (c.missingMaterials.length && !["WITHDRAWN", "COMPLETED"].includes(c.status)) out.push(attach(c, refresh));
  if (c.status !== "SUBMITTED" && me.role === "applicant") out.push(why(c));
  if (["COMPLETED", "PARTIALLY_COMPLETED"].includes(c.status) && me.role === "applicant") out.push(rate(c));
  if (WITHDRAWABLE.has(c.status)) out.push(withdraw(c, refresh));
  return out;
}

export function attach(c, refresh) {
  const kind = h("select", { id: "attach-kind" }, c.missingMaterials.map((k) => h("option", { value: k }, MATERIAL[k] ?? k)));
  const file = h("input", { id: "attach-file", type: "file", accept: "application/pdf,image/jpeg,image/png" });
  const error = errorLine();
  const send = h("button", { type: "submit" }, "上传");
  const form = h("form", { class: "attach" },
    h("label", { for: "attach-kind" }, "材料种类"), kind,
    h("label", { for: "attach-file" }, "文件（PDF、JPG 或 PNG，每份不超过 5 MB，可用手机拍照）"), file, error, send);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!file.files.length) return void (error.textContent = "请选择要上传的文件");
    send.disabled = true;
    try {
      const { attachMaterial: a } = await upload(ATTACH, { c: c.id, k: kind.value, f: null }, "f", file.files[0]);
      if (a.errors.length) error.textContent = a.errors.map((e) => e.message).join("；");
      else { announce(`${MATERIAL[kind.value]}已上传`); await refresh(); }
    } catch (e) {
      error.textContent = e.message;
    } finally {
      send.disabled = false;
    }
  });
  return panel("补交材料", h("p", {}, "以下材料尚未提交，请拍照或扫描后上传。"), form);
}

function why(c) {
  const remembered = rememberedDeceased(c.id) ?? "";
  const id = h("input", { id: "why-id", value: remembered, maxlength: 18, autocomplete: "off" });
  const list = h("div", { "aria-live": "polite" });
  const ask = h("button", { type: "submit" }, "查看各事项是否适用及依据");
  const form = h("form", {}, remembered ? null : [h("label", { for: "why-id" }, "逝者身份证号码"), id], ask, list);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    list.replaceChildren(h("p", {}, "正在向各部门查询……"));
    try {
      const { eligibility: e } = await gql(ELIGIBILITY, { d: id.value.trim().toUpperCase() });
      const title = Object.fromEntries(c.items.map((i) => [i.kind, i.title]));
      list.replaceChildren(
        e.unavailableAgencies.length ? h("p", { class: "note" }, `部分部门暂未应答（${e.unavailableAgencies.length} 个），稍后再查。`) : "",
        h("ul", { class: "why" }, e.items.map((i) => h("li", { class: i.applicable ? "applies" : "skips" },
          h("strong", {}, `${title[i.kind] ?? i.kind}：${i.applicable ? "适用" : "不适用"}`), " ", i.reason))));
    } catch (err) {
      list.replaceChildren(h("p", { class: "error" }, err.message));
    }
  });
  return panel("哪些事项适用，为什么", form);
}

function correction(me, c, refresh) {
  const fields = new Fields();
  const d = c.deceased;
  const deceasedId = rememberedDeceased(c.id);
  const sections = {
    deceased: deceasedFields(fields, { ...d, idNumber: deceasedId ?? "", idLocked: Boolean(deceasedId) }),
    applicant: applicantFields(fields, { name: c.applicant.name, relationship: c.applicant.relationship },
      me.role === "applicant" ? me.subject : null),
    payoutAccount: accountFields(fields, { bankName: c.payoutAccount?.bankName, accountName: c.payoutAccount?.accountName }),
  };
  const names = { deceased: "更正逝者信息", applicant: "更正申请人信息", payoutAccount: "更正收款账户" };
  const open = new Set();
  const boxes = Object.entries(sections).map(([key, section]) => {
    section.hidden = true;
    const toggle = h("input", { type: "checkbox", id: `fix-${key}`, onchange: (e) => {
      section.hidden = !e.target.checked;
      e.target.checked ? open.add(key) : open.delete(key);
    } });
    return h("div", {}, h("label", { class: "item", for: `fix-${key}` }, toggle, names[key]), section);
  });
  const summary = errorLine();
  const send = h("button", { type: "submit", class: "primary" }, "提交补正");
  const form = h("form", { novalidate: true }, boxes, summary, send);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    summary.textContent = "";
    const visible = [...fields.byPath.keys()].filter((p) => open.has(p.split(".")[0]));
    if (visible.map((p) => fields.check(p)).some(Boolean)) return void (summary.textContent = "请更正标红的项目");
    const corrections = {};
    if (open.has("deceased")) corrections.deceased = deceasedInput(fields);
    if (open.has("applicant")) corrections.applicant = applicantInput(fields);
    if (open.has("payoutAccount")) corrections.payoutAccount = accountInput(fields);
    send.disabled = true;
    try {
      const { resubmitApplication: r } = await gql(RESUBMIT, { id: c.id, c: open.size ? corrections : null });
      const rest = fields.showServerErrors(r.errors);
      if (r.errors.length) summary.textContent = rest.map((e) => e.message).join("；") || "请更正标红的项目";
      else { announce("补正已提交，正在重新办理"); await refresh(); }
    } catch (e) {
      summary.textContent = e.message;
    } finally {
      send.disabled = false;
    }
  });
  const why = c.status === "RETURNED" ? "窗口人员退回了申请，请按退回原因更正后重新提交。" : "有事项未通过，请按原因更正后重新提交，已办结的事项不会重复办理。";
  return panel("更正并重新提交", h("p", {}, why), form);
}

function rate(c) {
  const error = errorLine();
  const stars = h("fieldset", { class: "choice" }, h("legend", {}, "总体评价（5 为最满意）"),
    [5, 4, 3, 2, 1].map((n) => h("label", {}, h("input", { type: "radio", name: "score", value: n, checked: n === 5 }), `${n} 分`)));
  const comment = h("textarea", { id: "rate-comment", maxlength: 500, rows: 3 });
  const send = h("button", { type: "submit" }, "提交评价");
  const form = h("form", {}, stars, h("label", { for: "rate-comment" }, "意见或建议（可不填，不超过 500 字）"), comment, error, send);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const score = Number(form.querySelector("input[name=score]:checked").value);
    try {
      const { rateCase: r } = await gql(RATE, { id: c.id, i: { score, comment: comment.value.trim() || null } });
      if (r.errors.length) error.textContent = r.errors.map((e) => e.message).join("；");
      else form.replaceWith(h("p", { role: "status" }, "感谢您的评价。"));
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return panel("评价本次办理（好差评）", form);
}

// Before anything went to an agency the family may take the application back (the gateway says
// when it is too late); a reason is asked, so the step is never one accidental tap.
function withdraw(c, refresh) {
  const reason = h("input", { id: "withdraw-reason", maxlength: 200, autocomplete: "off" });
  const error = errorLine();
  const form = h("form", {}, h("label", { for: "withdraw-reason" }, "撤回原因（必填）"), reason, error,
    h("button", { type: "submit" }, "撤回申请"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) return void (error.textContent = "请填写撤回原因");
    try {
      const { withdrawApplication: w } = await gql(WITHDRAW, { id: c.id, r: reason.value.trim() });
      if (w.errors.length) error.textContent = w.errors.map((e) => e.message).join("；");
      else { announce("申请已撤回"); await refresh(); }
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return h("details", { class: "panel" }, h("summary", {}, "撤回申请"),
    h("p", {}, "撤回后各部门不再办理，如需办理须重新申请。"), form);
}
