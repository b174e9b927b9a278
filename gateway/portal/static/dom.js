// Building elements without innerHTML: every text a person or an agency wrote is shown as text.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces what `el` holds; null and false children are left out, as in h().
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

export function mount(...children) {
  const main = document.getElementById("main");
  main.replaceChildren();
  append(main, children);
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

export function announce(text) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("shown", Boolean(text));
  clearTimeout(announce.timer);
  if (text) announce.timer = setTimeout(() => status.classList.remove("shown"), 6000);
}

export function when(at) {
  if (!at) return "";
  return new Date(at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}
