// One case as a person reads it: where it stands, each item with its deadline in working days and
// whether it is overdue, certificates with their verification codes, papers, and the timeline.

import { h, when } from "./dom.js";
import { CASE_STATUS, CERTIFICATE, DONE, ITEM_STATUS, MATERIAL, RELATIONSHIP } from "./labels.js";

export const CASE_FIELDS = `
  id reference status version channel submittedAt updatedAt reviewNote
  deceased { name idNumberMasked deathDate deathPlace deathType diedInMedicalInstitution householdRegionCode disposal }
  applicant { name idNumberMasked phoneMasked relationship }
  payoutAccount { bankName accountName accountNumberMasked }
  progress { total completed inProgress rejected failed notApplicable }
  items { id kind title agency status deadline deadlineEstimated overdue attempts lastError rejectionReason
          result { summary amount deduction effectiveDate } }
  certificates { id kind number issuer issuedAt holderName verificationCode }
  materials { id kind contentType size uploadedAt }
  missingMaterials
  timeline { at actor type message itemKind }`;

const ORDER = { REJECTED: 0, FAILED: 1, ACCEPTED: 2, DISPATCHED: 3, READY: 4, WAITING: 5, COMPLETED: 6, NOT_APPLICABLE: 7 };

export function statusBadge(status) {
  return h("span", { class: `badge s-${status.toLowerCase()}` }, CASE_STATUS[status] ?? status);
}

function progress(c) {
  const p = c.progress;
  const done = p.completed + p.rejected;
  return h("div", { class: "progress" },
    h("progress", { max: Math.max(p.total, 1), value: done, "aria-label": "办理进度" }),
    h("p", {}, `共 ${p.total} 项：已办结 ${p.completed}，办理中 ${p.inProgress}` +
      (p.rejected ? `，未通过 ${p.rejected}` : "") + (p.failed ? `，暂未送达 ${p.failed}` : "") +
      (p.notApplicable ? `；另有 ${p.notApplicable} 项经核查无需办理` : "")));
}

function deadline(item) {
  if (!item.deadline) return null;
  const text = `办理时限：${item.deadline}${item.deadlineEstimated ? "（按工作日估算）" : "（工作日）"}`;
  return h("span", { class: item.overdue ? "deadline overdue" : "deadline" }, item.overdue ? `已超期 · ${text}` : text);
}

function itemRow(item, actions) {
  const r = item.result;
  return h("li", { class: `item-row i-${item.status.toLowerCase()}`, "data-kind": item.kind },
    h("div", { class: "item-head" }, h("strong", {}, item.title),
      h("span", { class: "item-status" }, ITEM_STATUS[item.status] ?? item.status)),
    deadline(item),
    item.rejectionReason ? h("p", { class: "reason" }, `未通过原因：${item.rejectionReason}`) : null,
    item.lastError && item.status === "FAILED" ? h("p", { class: "reason" }, `送达失败：${item.lastError}（第 ${item.attempts} 次）`) : null,
    r ? h("p", { class: "result" }, r.summary, r.amount ? ` 金额 ${r.amount} 元` : "", r.deduction ? `（已扣减 ${r.deduction} 元）` : "",
      r.effectiveDate ? ` 生效日期 ${r.effectiveDate}` : "") : null,
    actions ? actions(item) : null);
}

export function itemsList(c, actions) {
  const open = c.items.filter((i) => i.status !== "NOT_APPLICABLE");
  const skipped = c.items.filter((i) => i.status === "NOT_APPLICABLE");
  open.sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || Number(b.overdue) - Number(a.overdue));
  return h("section", { "aria-labelledby": "items-h" }, h("h3", { id: "items-h" }, "办理事项"),
    h("ul", { class: "items-list" }, open.map((i) => itemRow(i, actions))),
    skipped.length ? h("details", {}, h("summary", {}, `经数据核查无需办理的事项（${skipped.length} 项）`),
      h("ul", { class: "plain" }, skipped.map((i) => h("li", {}, i.title)))) : null);
}

export function certificates(c) {
  if (!c.certificates.length) return null;
  return h("section", { "aria-labelledby": "certs-h" }, h("h3", { id: "certs-h" }, "电子证照"),
    h("ul", { class: "certs" }, c.certificates.map((cert) => h("li", { class: "cert" },
      h("strong", {}, CERTIFICATE[cert.kind] ?? cert.kind),
      h("dl", {}, h("dt", {}, "证照编号"), h("dd", {}, cert.number), h("dt", {}, "核验码"),
        h("dd", { class: "code" }, cert.verificationCode), h("dt", {}, "签发机构"), h("dd", {}, cert.issuer),
        h("dt", {}, "签发时间"), h("dd", {}, when(cert.issuedAt)))))));
}

export function summary(c) {
  const d = c.deceased;
  return h("dl", { class: "facts" },
    h("dt", {}, "受理编号"), h("dd", { class: "reference" }, c.reference),
    h("dt", {}, "逝者"), h("dd", {}, `${d.name}（${d.idNumberMasked}）`),
    h("dt", {}, "死亡日期"), h("dd", {}, d.deathDate),
    h("dt", {}, "申请人"), h("dd", {}, `${c.applicant.name}（${RELATIONSHIP[c.applicant.relationship] ?? ""}，${c.applicant.phoneMasked}）`),
    h("dt", {}, "提交时间"), h("dd", {}, when(c.submittedAt)));
}

export function reviewNote(c) {
  if (!c.reviewNote || !["UNDER_REVIEW", "RETURNED"].includes(c.status)) return null;
  const label = c.status === "RETURNED" ? "退回原因" : "需要窗口人员核对的原因";
  return h("div", { class: "note", role: "note" }, h("strong", {}, `${label}：`), c.reviewNote);
}

export function materials(c) {
  return h("section", { "aria-labelledby": "mat-h" }, h("h3", { id: "mat-h" }, "材料"),
    DONE.has(c.status) ? null : c.missingMaterials.length
      ? h("p", {}, "尚缺：", c.missingMaterials.map((k) => MATERIAL[k] ?? k).join("、"))
      : h("p", {}, "所需材料已齐全，或已由数据共享核验，无需再交。"),
    c.materials.length ? h("ul", { class: "plain" }, c.materials.map((m) =>
      h("li", {}, `${MATERIAL[m.kind] ?? m.kind}：已上传（${Math.ceil(m.size / 1024)} KB，${when(m.uploadedAt)}）`))) : null);
}

export function timeline(c) {
  return h("details", { class: "timeline" }, h("summary", {}, `办理记录（${c.timeline.length} 条）`),
    h("ol", {}, [...c.timeline].reverse().map((e) => h("li", {}, h("time", {}, when(e.at)), " ", e.message))));
}

export function caseHeader(c, liveState) {
  return h("header", { class: "case-head" },
    h("h2", {}, `${c.deceased.name} 的身后事联办`), statusBadge(c.status),
    h("span", { class: `live live-${liveState}`, role: "status" },
      { live: "实时更新中", reconnecting: "连接中断，正在重连……", refused: "无法实时更新，请刷新", finished: "" }[liveState] ?? ""),
    progress(c));
}
