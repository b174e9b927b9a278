// What this tab remembers of a case beyond what the API shows a family: the deceased's identity
// number they typed (the API masks it), for `eligibility` and corrections. Only for this tab
// (sessionStorage): closing it forgets, and nothing is kept on a shared computer.

export function rememberDeceased(caseId, idNumber) {
  sessionStorage.setItem(`portal.deceased.${caseId}`, idNumber);
}

export function rememberedDeceased(caseId) {
  return sessionStorage.getItem(`portal.deceased.${caseId}`);
}
