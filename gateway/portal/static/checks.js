// The form's checks as the person types: the same rules, codes and words as the gateway's
// (gateway/cases/validation.py, gateway/domain/identity.py), so an error shows before sending.
// The gateway checks again; its field errors are shown in the same places.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export function today() {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
}

export function birthDateOf(id) {
  const y = id.slice(6, 10), m = id.slice(10, 12), d = id.slice(12, 14);
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) return null;
  return `${y}-${m}-${d}`;
}

export function idNumberProblem(raw) {
  const id = raw.trim().toUpperCase();
  if (!id) return "请填写身份证号码";
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return "身份证号码应为 18 位：前 17 位为数字，最后一位为数字或 X";
  const birth = birthDateOf(id);
  if (!birth || birth > today()) return "身份证号码中的出生日期（第 7 至 14 位）不是有效日期，请核对";
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return "身份证号码校验位错误，请核对最后一位";
  return null;
}

export function phoneProblem(raw) {
  const phone = raw.trim();
  if (/^1[3-9][0-9]{9}$/.test(phone) || /^0[0-9]{2,3}-?[0-9]{7,8}$/.test(phone)) return null;
  return "联系电话格式不正确，请填写 11 位手机号码或带区号的固定电话";
}

export function required(label) {
  return (raw) => (raw.trim() ? null : `请填写${label}`);
}

export function deathDateProblem(raw, deceasedId) {
  if (!raw) return "请填写死亡日期";
  if (raw > today()) return "死亡日期不能晚于今天";
  if (raw < "1950-01-01") return "死亡日期过早，请核对";
  const birth = idNumberProblem(deceasedId) ? null : birthDateOf(deceasedId.trim());
  if (birth && raw < birth) return "死亡日期早于身份证号码中的出生日期";
  return null;
}

export function regionProblem(raw) {
  return /^64[0-9]{4}$/.test(raw.trim()) ? null : "户籍地区划代码应为 64 开头的 6 位数字（宁夏），如 640104";
}

export function accountProblem(raw) {
  return /^[0-9]{12,30}$/.test(raw.replace(/ /g, "")) ? null : "银行账号应为 12 至 30 位数字";
}

export function relationshipProblem(relationship, applicantId, deceasedId) {
  if (!relationship) return "请选择与逝者的关系";
  if (applicantId.trim() && applicantId.trim().toUpperCase() === deceasedId.trim().toUpperCase()) {
    return "申请人不能是逝者本人";
  }
  const a = idNumberProblem(applicantId) ? null : birthDateOf(applicantId.trim());
  const d = idNumberProblem(deceasedId) ? null : birthDateOf(deceasedId.trim());
  if (a && d && relationship === "PARENT" && a > d) return "父母的出生日期不应晚于逝者，请核对关系";
  if (a && d && relationship === "CHILD" && a < d) return "子女的出生日期不应早于逝者，请核对关系";
  return null;
}
