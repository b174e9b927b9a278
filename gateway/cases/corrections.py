"""Corrections (补正) a family sends with a resubmission, checked like the application itself."""

from __future__ import annotations

from datetime import date

from gateway.cases.forms import CorrectionForm
from gateway.cases.validation import account_problems, applicant_problems, deceased_problems
from gateway.domain.identity import gender_of, normalize_id_number
from gateway.domain.status import CaseStatus
from gateway.errors import Problem, Refused
from gateway.security.policy import covers_region
from gateway.security.tokens import Principal, Role
from gateway.store.models import CaseRow


def correction_problems(form: CorrectionForm, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if form.deceased is not None:
        problems += deceased_problems(form.deceased, today, "corrections.deceased")
    if form.applicant is not None:
        problems += applicant_problems(form.applicant, today, "corrections.applicant")
    if form.payout_account is not None:
        problems += account_problems(form.payout_account, "corrections.payoutAccount")
    return problems


def apply_corrections(case: CaseRow, form: CorrectionForm, principal: Principal) -> None:
    """The deceased's identity is fixed: a new person is a new case. Who applies, and as what
    relative, may change only while the case is returned: the resubmission is verified afresh."""
    if (d := form.deceased) is not None:
        if principal.role == Role.CLERK and not covers_region(principal, d.household_region_code):
            raise Refused(
                Problem(
                    "corrections.deceased.householdRegionCode",
                    "OUTSIDE_YOUR_REGION",
                    "该户籍地不属于您所在窗口的受理范围",
                )
            )
        if normalize_id_number(d.id_number) != case.deceased_id_number:
            raise Refused(
                Problem(
                    "corrections.deceased.idNumber",
                    "DECEASED_ID_IMMUTABLE",
                    "逝者身份证号码不能更改，如填错请撤回后重新申请",
                )
            )
        case.deceased_name, case.death_date, case.death_place = d.name.strip(), d.death_date, d.death_place.strip()
        case.death_type, case.disposal, case.region_code = d.death_type, d.disposal, d.household_region_code
        case.incident_region_code = d.incident_region_code.strip() if d.incident_region_code else None
        case.died_in_medical_institution, case.deceased_gender = (
            d.died_in_medical_institution,
            gender_of(case.deceased_id_number),
        )
    if (a := form.applicant) is not None:
        id_number = normalize_id_number(a.id_number)
        if principal.role == Role.APPLICANT and id_number != principal.subject:
            raise Refused(Problem("corrections.applicant.idNumber", "NOT_YOUR_IDENTITY", "只能以本人身份提交申请"))
        if (id_number, a.relationship) != (case.applicant_id_number, case.relationship):
            if case.status != CaseStatus.RETURNED:
                raise Refused(
                    Problem(
                        "corrections.applicant",
                        "APPLICANT_CHANGE_NEEDS_REVIEW",
                        "申请人或与逝者关系只能在申请被退回补正时更改，更改后将重新核验",
                    )
                )
            case.relationship_verified = case.relationship_on_register = False
        case.applicant_name, case.applicant_id_number = a.name.strip(), id_number
        case.applicant_phone, case.relationship = a.phone, a.relationship
    if (p := form.payout_account) is not None:
        case.payout_bank_name, case.payout_account_name = p.bank_name, p.account_name.strip()
        case.payout_account_number = p.account_number.replace(" ", "")
