// The window clerk's pages: the region's pre-review queue (oldest first), a case to approve or
// return with reasons, a failed item to send again, and an application taken at the window.

import { gql } from "./api.js";
import * as view from "./casepage.js";
import { h, mount, announce, when } from "./dom.js";
import { attach } from "./family_actions.js";
import { MATERIAL } from "./labels.js";

const QUEUE = `query Queue($f: CaseFilter) { cases(filter: $f, orderBy: OLDEST_FIRST, first: 100) { totalCount
  edges { node { id reference status submittedAt reviewNote deceased { name householdRegionCode } applicant { name }
  progress { failed } } } } }`;
const REVIEW = `mutation Review($id: ID!, $d: ReviewDecision!, $r: String, $m: MaterialKind) {
  reviewCase(caseId: $id, decision: $d, reason: $r, requestMaterial: $m) { case { id status } errors { field code message } } }`;
const RETRY = `mutation Retry($id: ID!) { retryItem(itemId: $id) { item { id status } errors { field code message } } }`;

const TABS = {
  review: { title: "待预审", filter: { status: ["UNDER_REVIEW"] } },
  overdue: { title: "有超期事项", filter: { overdueOnly: true } },
  working: { title: "办理中", filter: { status: ["IN_PROGRESS"] } },
};

export async function queue(me, tab = "review") {
  const { cases } = await gql(QUEUE, { f: { ...TABS[tab].filter, regionCode: me.region } });
  const rows = cases.edges.map(({ node: c }) => h("li", { class: "case-row" },
    h("a", { href: `#/case/${encodeURIComponent(c.id)}` }, `${c.reference} · ${c.deceased.name}`),
    view.statusBadge(c.status),
    h("small", {}, `申请人 ${c.applicant.name}，提交于 ${when(c.submittedAt)}`),
    c.reviewNote ? h("p", { class: "reason" }, c.reviewNote) : null));
  mount(h("h1", {}, `综合窗口 · 区划 ${me.region}`),
    h("nav", { class: "tabs", "aria-label": "工作队列" }, Object.entries(TABS).map(([key, t]) =>
      h("a", { href: `#/queue/${key}`, "aria-current": key === tab ? "page" : null }, t.title))),
    h("p", {}, h("a", { class: "button", href: "#/new" }, "窗口代办：为家属提交申请")),
    h("h2", {}, `${TABS[tab].title}（${cases.totalCount} 件，先到先办）`),
    rows.length ? h("ol", { class: "cases" }, rows) : h("p", { class: "empty" }, "当前没有待办的申请。"));
}

export function clerkActions(me, c, refresh) {
  const out = [];
  if (c.status === "UNDER_REVIEW") out.push(review(c, refresh, authored(me, c)));
  if (c.missingMaterials.length && !["WITHDRAWN", "COMPLETED"].includes(c.status)) out.push(attach(c, refresh));
  return out;
}

clerkActions.itemActions = (me, c) => (item) => {
  if (item.status !== "FAILED") return null;
  const button = h("button", { type: "button", class: "small" }, "立即重新推送");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const { retryItem: r } = await gql(RETRY, { id: item.id });
      announce(r.errors.length ? r.errors.map((e) => e.message).join("；") : `已重新推送：${item.title}`);
    } catch (e) {
      announce(e.message);
    } finally {
      button.disabled = false;
    }
  });
  return button;
};

// A clerk who submitted or corrected a case may not approve it (four eyes): say so before they try.
function authored(me, c) {
  return c.timeline.some((e) => ["SUBMITTED", "RESUBMITTED"].includes(e.type) && e.actor === `clerk:${me.subject}`);
}

function review(c, refresh, own) {
  const reason = h("textarea", { id: "review-reason", rows: 3, maxlength: 500 });
  const material = h("select", { id: "review-material" }, h("option", { value: "" }, "不需要"),
    Object.entries(MATERIAL).map(([k, t]) => h("option", { value: k }, t)));
  const error = h("p", { class: "error", role: "alert" });
  const decide = async (decision) => {
    error.textContent = "";
    if (decision === "RETURN" && !reason.value.trim()) {
      reason.setAttribute("aria-invalid", "true");
      reason.focus();
      return void (error.textContent = "退回时请写明原因，家属将据此补正");
    }
    try {
      const { reviewCase: r } = await gql(REVIEW, { id: c.id, d: decision, r: reason.value.trim() || null,
                                                    m: decision === "RETURN" ? material.value || null : null });
      if (r.errors.length) error.textContent = r.errors.map((e) => e.message).join("；");
      else { announce(decision === "APPROVE" ? "已通过预审，事项将推送各部门" : "已退回，家属将收到通知"); await refresh(); }
    } catch (e) {
      error.textContent = e.message;
    }
  };
  return h("section", { class: "panel" }, h("h3", {}, "预审"),
    h("p", {}, "请核对上方的核查原因和材料。"),
    own ? h("p", { class: "note" }, "本申请由您提交或补正，须由另一位工作人员审核通过；您仍可退回。")
      : h("button", { type: "button", class: "primary", onclick: () => decide("APPROVE") }, "通过预审"),
    h("label", { for: "review-reason" }, "退回原因（退回时必填，家属可见）"), reason,
    h("label", { for: "review-material" }, "要求补充的材料"), material, error,
    h("button", { type: "button", onclick: () => decide("RETURN") }, "退回补正"));
}
