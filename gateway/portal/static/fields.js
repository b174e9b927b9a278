// Labelled fields that say what is wrong where it is wrong: checked as the person types (once they
// have left the field or sent the form), and again with the gateway's field errors by their path.

import { h } from "./dom.js";

let serial = 0;

export class Fields {
  constructor() {
    this.byPath = new Map();
  }

  input(path, label, { type = "text", value = "", check = null, hint = null, readonly = false, ...attrs } = {}) {
    const id = `f${++serial}`;
    const control = h("input", { id, name: path, type, value, readonly, "aria-describedby": `${id}-e ${id}-h`, ...attrs });
    return this.#wrap(path, label, control, check, hint, id);
  }

  select(path, label, options, { value = "", check = null, hint = null } = {}) {
    const id = `f${++serial}`;
    const control = h("select", { id, name: path, "aria-describedby": `${id}-e ${id}-h` },
      h("option", { value: "" }, "请选择"),
      Object.entries(options).map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
    return this.#wrap(path, label, control, check, hint, id);
  }

  choice(path, legend, options, value) {
    const name = `c${++serial}`;
    const box = h("fieldset", { class: "choice", "data-path": path }, h("legend", {}, legend),
      Object.entries(options).map(([v, text]) =>
        h("label", {}, h("input", { type: "radio", name, value: v, checked: v === value }), text)));
    const error = h("p", { class: "error", id: `${name}-e` });
    this.byPath.set(path, { control: box, error, check: null, touched: false, radio: name });
    return h("div", { class: "field" }, box, error);
  }

  #wrap(path, label, control, check, hint, id) {
    const error = h("p", { class: "error", id: `${id}-e` });
    const entry = { control, error, check, touched: false };
    this.byPath.set(path, entry);
    control.addEventListener("blur", () => { entry.touched = true; this.check(path); });
    control.addEventListener("input", () => { if (entry.touched) this.check(path); });
    control.addEventListener("change", () => { entry.touched = true; this.check(path); });
    return h("div", { class: "field" }, h("label", { for: id }, label), control,
      hint ? h("p", { class: "hint", id: `${id}-h` }, hint) : null, error);
  }

  value(path) {
    const entry = this.byPath.get(path);
    if (!entry) return undefined;
    if (entry.radio) return entry.control.querySelector("input:checked")?.value ?? "";
    return entry.control.value;
  }

  show(path, message) {
    const entry = this.byPath.get(path);
    if (!entry) return false;
    entry.error.textContent = message || "";
    entry.control.setAttribute("aria-invalid", message ? "true" : "false");
    return true;
  }

  check(path) {
    const entry = this.byPath.get(path);
    const problem = entry?.check ? entry.check(this.value(path)) : null;
    this.show(path, problem);
    return problem;
  }

  // Every check at once; the first field with a problem gets the focus. True when all pass.
  checkAll() {
    let first = null;
    for (const [path, entry] of this.byPath) {
      entry.touched = true;
      if (this.check(path) && !first) first = entry.control;
    }
    first?.focus();
    return first === null;
  }

  // The gateway's errors: each shown at its field when the form has it; the rest are returned.
  showServerErrors(errors) {
    const elsewhere = [];
    let first = null;
    for (const error of errors) {
      const path = error.field.replace(/^(input|corrections)\./, "");
      if (this.show(path, error.message)) first = first ?? this.byPath.get(path).control;
      else elsewhere.push(error);
    }
    first?.focus();
    return elsewhere;
  }
}
