// The unified application form (统一申请表): the family's on the web, or a clerk's at the window.

import { gql } from "./api.js";
import * as checks from "./checks.js";
import { h } from "./dom.js";
import { Fields } from "./fields.js";
import { RELATIONSHIP } from "./labels.js";

const CATALOGUE = "query Optional { itemCatalogue { kind title optional appliesWhen } }";

export function deceasedFields(fields, d = {}) {
  const idCheck = checks.idNumberProblem;
  return h("fieldset", {}, h("legend", {}, "逝者信息"),
    fields.input("deceased.name", "逝者姓名", { value: d.name ?? "", check: checks.required("逝者姓名"), autocomplete: "off" }),
    fields.input("deceased.idNumber", "逝者身份证号码", { value: d.idNumber ?? "", check: idCheck, inputmode: "text",
      maxlength: 18, hint: "18 位，最后一位可能是 X", autocomplete: "off", readonly: d.idLocked ?? false }),
    fields.input("deceased.deathDate", "死亡日期", { type: "date", value: d.deathDate ?? "", max: checks.today(),
      check: (v) => checks.deathDateProblem(v, fields.value("deceased.idNumber")) }),
    fields.input("deceased.deathPlace", "死亡地点", { value: d.deathPlace ?? "", check: checks.required("死亡地点"),
      hint: "宁夏境内的详细地点，如医院名称或家庭住址" }),
    fields.choice("deceased.deathType", "死亡类型", { NORMAL: "正常死亡", ABNORMAL: "非正常死亡" }, d.deathType ?? "NORMAL"),
    fields.choice("deceased.diedInMedicalInstitution", "是否在医疗机构内死亡", { true: "是", false: "否（如在家中）" },
      String(d.diedInMedicalInstitution ?? true)),
    fields.input("deceased.householdRegionCode", "户籍地区划代码", { value: d.householdRegionCode ?? "", inputmode: "numeric",
      maxlength: 6, check: checks.regionProblem, hint: "6 位数字，如 640104（银川市兴庆区）" }),
    fields.choice("deceased.disposal", "遗体处置方式", { CREMATION: "火化", BURIAL: "土葬" }, d.disposal ?? "CREMATION"));
}

export function applicantFields(fields, a = {}, lockedId = null) {
  return h("fieldset", {}, h("legend", {}, lockedId ? "申请人（您本人）" : "申请人（家属）"),
    fields.input("applicant.name", "申请人姓名", { value: a.name ?? "", check: checks.required("申请人姓名"), autocomplete: "name" }),
    fields.input("applicant.idNumber", "申请人身份证号码", { value: lockedId ?? a.idNumber ?? "", readonly: Boolean(lockedId),
      check: checks.idNumberProblem, maxlength: 18, hint: lockedId ? "已按登录身份填写" : null }),
    fields.input("applicant.phone", "联系电话", { type: "tel", value: a.phone ?? "", check: checks.phoneProblem,
      autocomplete: "tel", hint: "办理进展将以短信告知" }),
    fields.select("applicant.relationship", "与逝者关系", RELATIONSHIP, { value: a.relationship ?? "",
      check: (v) => checks.relationshipProblem(v, fields.value("applicant.idNumber"), fields.value("deceased.idNumber") ?? ""),
      hint: "特定关系人须提供关系证明材料" }));
}

// A group of fields optional as a whole: once any of them is filled, each is checked.
function optionalGroup(fields, prefix, keys) {
  const any = () => keys.some((k) => fields.value(`${prefix}.${k}`)?.trim());
  return (check) => (v) => (any() ? check(v) : null);
}

export function accountFields(fields, p = {}) {
  const when = optionalGroup(fields, "payoutAccount", ["bankName", "accountName", "accountNumber"]);
  return h("fieldset", {}, h("legend", {}, "收款账户（申领待遇、提取资金时需要，应为申请人本人账户）"),
    fields.input("payoutAccount.bankName", "开户银行", { value: p.bankName ?? "", check: when(checks.required("开户银行")) }),
    fields.input("payoutAccount.accountName", "账户名", { value: p.accountName ?? "", check: when(checks.required("账户名")) }),
    fields.input("payoutAccount.accountNumber", "银行账号", { value: p.accountNumber ?? "", inputmode: "numeric",
      check: when(checks.accountProblem), autocomplete: "off" }));
}

export function deceasedInput(fields) {
  const v = (k) => fields.value(`deceased.${k}`);
  return { name: v("name").trim(), idNumber: v("idNumber").trim().toUpperCase(), deathDate: v("deathDate"),
           deathPlace: v("deathPlace").trim(), deathType: v("deathType"),
           diedInMedicalInstitution: v("diedInMedicalInstitution") === "true",
           householdRegionCode: v("householdRegionCode").trim(), disposal: v("disposal") };
}

export function applicantInput(fields) {
  const v = (k) => fields.value(`applicant.${k}`).trim();
  return { name: v("name"), idNumber: v("idNumber").toUpperCase(), phone: v("phone"), relationship: v("relationship") };
}

export function accountInput(fields) {
  const v = (k) => fields.value(`payoutAccount.${k}`).trim();
  return { bankName: v("bankName"), accountName: v("accountName"), accountNumber: v("accountNumber").replace(/ /g, "") };
}

// A second family member told of each milestone by SMS.
function contactFields(fields) {
  const when = optionalGroup(fields, "notifyContact", ["name", "phone"]);
  return h("fieldset", {}, h("legend", {}, "另一位接收短信通知的家属（可不填）"),
    fields.input("notifyContact.name", "家属姓名", { check: when(checks.required("家属姓名")) }),
    fields.input("notifyContact.phone", "家属手机号码", { type: "tel", check: when(checks.phoneProblem) }));
}

async function optionalItems() {
  const box = h("fieldset", { class: "items" }, h("legend", {}, "申请的待遇和查询事项（证照、注销等符合条件时自动办理）"));
  const { itemCatalogue } = await gql(CATALOGUE);
  for (const item of itemCatalogue.filter((i) => i.optional)) {
    box.append(h("label", { class: "item" }, h("input", { type: "checkbox", name: "optionalItems", value: item.kind, checked: true }),
      h("span", {}, item.title, h("small", {}, item.appliesWhen))));
  }
  return box;
}

// The whole form; `onSend(input)` submits and returns the gateway's field errors ([] when accepted).
export async function applicationForm({ channel, applicantId = null, onSend }) {
  const fields = new Fields();
  const items = await optionalItems();
  const summary = h("div", { class: "summary", role: "alert" });
  const send = h("button", { type: "submit", class: "primary" }, "提交申请");
  const form = h("form", { novalidate: true, class: "application" },
    h("p", { class: "intro" }, "请如实填写。带有号码的项目会随填随查，提交后由系统与各部门数据核对。"),
    deceasedFields(fields), applicantFields(fields, {}, applicantId), accountFields(fields), items, contactFields(fields),
    h("label", { class: "item" }, h("input", { type: "checkbox", name: "notices", checked: true }),
      h("span", {}, "接收短信通知（受理、退回、发证、支付、办结）")),
    summary, send);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    summary.replaceChildren();
    if (!fields.checkAll()) {
      summary.append("表单中有需要更正的内容，请查看标红的项目。");
      return;
    }
    const chosen = [...form.querySelectorAll("input[name=optionalItems]:checked")].map((c) => c.value);
    const account = accountInput(fields);
    const contact = { name: fields.value("notifyContact.name").trim(), phone: fields.value("notifyContact.phone").trim() };
    const input = { channel, deceased: deceasedInput(fields), applicant: applicantInput(fields), optionalItems: chosen,
                    payoutAccount: account.accountNumber ? account : null, notifyContact: contact.phone ? contact : null,
                    notices: form.querySelector("input[name=notices]").checked };
    send.disabled = true;
    send.textContent = "正在提交……";
    try {
      const errors = await onSend(input);
      const rest = fields.showServerErrors(errors);
      if (errors.length) summary.append("未能提交：", h("ul", {}, rest.map((e) => h("li", {}, e.message))),
        rest.length ? "" : "请查看标红的项目。");
    } catch (error) {
      summary.append(error.message);
    } finally {
      send.disabled = false;
      send.textContent = "提交申请";
    }
  });
  return { form, fields };
}
