// What the API's codes mean to a person, in Chinese.

export const CASE_STATUS = {
  SUBMITTED: "已提交，正在核查", UNDER_REVIEW: "综合窗口预审中", RETURNED: "已退回，请补正",
  IN_PROGRESS: "各部门办理中", COMPLETED: "全部办结", PARTIALLY_COMPLETED: "部分办结", WITHDRAWN: "已撤回",
};
export const ITEM_STATUS = {
  NOT_APPLICABLE: "无需办理", WAITING: "等待前置事项", READY: "待推送", DISPATCHED: "已推送至部门",
  ACCEPTED: "部门已受理", COMPLETED: "已办结", REJECTED: "未通过", FAILED: "暂时无法送达，自动重试中",
};
export const RELATIONSHIP = {
  SPOUSE: "配偶", CHILD: "子女", PARENT: "父母", SIBLING: "兄弟姐妹", GRANDPARENT: "祖父母、外祖父母",
  GRANDCHILD: "孙子女、外孙子女", OTHER_RELATIVE: "其他近亲属", SPECIFIED_PERSON: "特定关系人",
};
export const MATERIAL = {
  APPLICANT_ID: "申请人居民身份证", RELATIONSHIP_PROOF: "与逝者的亲属关系证明", PAYOUT_ACCOUNT: "申请人本人银行账户",
  INHERITANCE_DOCUMENT: "继承权公证书、公证遗嘱或法院判决书", DECEASED_ID: "逝者居民身份证或户口簿",
  DEATH_CIRCUMSTANCES: "死亡情况说明", GRAVE_CONTRACT: "墓位购买（使用）合同", BURIAL_PLACE_STATEMENT: "安葬地点说明",
  DECEASED_ID_CARD_RETURN: "逝者居民身份证（交回）", DRIVING_LICENCE_RETURN: "逝者机动车驾驶证（交回）",
  DEPENDANT_PROOF: "遗属供养证明", HOUSING_FUND_SEALING_CERTIFICATE: "住房公积金账户封存证明",
  VETERAN_DOCUMENTS: "优待证、伤残军人证等证件", DISABILITY_CERTIFICATE_RETURN: "残疾人证（交回）",
};
export const CERTIFICATE = {
  MEDICAL_DEATH_CERTIFICATE: "居民死亡医学证明", ABNORMAL_DEATH_CERTIFICATE: "非正常死亡证明",
  CREMATION_CERTIFICATE: "火化证", GRAVE_USE_CERTIFICATE: "墓位使用证", BURIAL_CERTIFICATE: "安葬证明",
};
export const DONE = new Set(["COMPLETED", "PARTIALLY_COMPLETED", "WITHDRAWN"]);
