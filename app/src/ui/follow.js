// The live refresh of a followed document (a card's page, a meeting's page, an agenda
// card, a demo): such a page is rendered on the server and ships no WebAssembly; this
// script (served at `/follow.js`, see follow.rs) keeps it current and keeps what the
// reader typed. It also gives documents the little behaviour they need without
// WebAssembly: a presenter's keys, the agenda timer, drafts kept across agenda cards, and
// the workflow editor's drag to reorder (see each part below).
//
// - It listens to the change feed the page names (`data-follow` on the page's root: the
//   feed already filtered by the server to what concerns the page). On a change, or a
//   `resync`, or on coming back to the page through the browser's history, it fetches the
//   page again and puts the new root in place of the old one. While the keyboard is in
//   one of the page's fields the change waits, said in the page's `.live-notice`, until
//   the field is left. Folded panels stay as the reader left them, the keyboard stays on
//   the control it was on, what the reader was looking at stays where it was on screen,
//   and a form someone has typed into stays as it is (with the version it was loaded
//   with: saving it over a newer change is refused, as on the server).
// - A form post the server refuses comes back to the page with `__path` naming the form's
//   action: the fields the reader had changed in the form that was sent are filled in
//   again (passwords excepted; fields left alone keep what the page now says), its panel
//   opens and its error is scrolled into view, so a refusal loses nothing.
// - `data-app="started"` on the document says that the script runs (it hides the "did not
//   start" notice), `data-live` whether the feed is open (the style sheet shows the
//   "paused" notice), and `data-hydrated="true"` on the root that the page is live.
const PAUSED_AFTER_MS = 4000;
const SENT_KEY = "ispo-board:sent-form";
const html = document.documentElement;
const rootOf = (doc) => doc.querySelector("[data-follow]");

const isField = (el) => el instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
const editing = () => {
  const root = rootOf(document);
  return root !== null && isField(document.activeElement) && root.contains(document.activeElement);
};

// Keys that name the same thing in two renderings of the page. A form is named by its
// action and its hidden fields but the version (the solution, adoption or step it
// changes), then its rank among forms so named.
function formName(form) {
  const hidden = [...form.elements]
    .filter((el) => el.type === "hidden" && el.name !== "version")
    .map((el) => `${el.name}=${el.value}`);
  return `${form.getAttribute("action") || ""}|${hidden.join("&")}`;
}

function keyed(elements, name) {
  const seen = new Map();
  const result = new Map();
  for (const el of elements) {
    const base = name(el);
    const rank = seen.get(base) || 0;
    seen.set(base, rank + 1);
    result.set(`${base}#${rank}`, el);
  }
  return result;
}

const formsByKey = (root) => keyed(root.querySelectorAll("form"), formName);
const summaryText = (d) => d.querySelector("summary")?.textContent.trim() || "";
const detailsByKey = (root) =>
  keyed(root.querySelectorAll("details"), (d) => {
    const form = d.querySelector("form");
    return `${summaryText(d)}|${form ? formName(form) : ""}`;
  });
const FOCUSABLE = "a, button, summary, input, select, textarea";
const focusName = (el) =>
  [el.tagName, el.getAttribute("name") || "", el.getAttribute("href") || "", el.textContent.trim().slice(0, 80),
    el.form ? formName(el.form) : ""].join("|");
const VISIBLE = "h1, h2, h3, li, p, form, details, article";
const placeName = (el) => `${el.tagName}|${el.textContent.trim().slice(0, 80)}`;

// A field whose value is not the one the page was drawn with.
function changed(el) {
  if (el.type === "hidden" || el.type === "submit" || el.type === "button") return false;
  if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
  if (el.tagName === "SELECT") {
    const options = [...el.options];
    if (el.multiple) return options.some((o) => o.selected !== o.defaultSelected);
    const drawn = options.findIndex((o) => o.defaultSelected);
    return el.selectedIndex !== (drawn === -1 ? 0 : drawn);
  }
  return "value" in el && el.value !== el.defaultValue;
}

const typedInto = (form) => [...form.elements].some(changed);

// What the reader did to the old rendering that the new one should keep.
function carry(old, fresh) {
  const freshDetails = detailsByKey(fresh);
  for (const [key, details] of detailsByKey(old)) {
    const twin = freshDetails.get(key);
    if (twin) twin.open = details.open;
  }
  const freshForms = formsByKey(fresh);
  for (const [key, form] of formsByKey(old)) {
    const twin = freshForms.get(key);
    if (twin && typedInto(form)) twin.replaceWith(form);
  }
}

// The first element of `root` at or below the top of the window, and where it is.
function inView(root) {
  for (const el of root.querySelectorAll(VISIBLE)) {
    const top = el.getBoundingClientRect().top;
    if (top >= 0) return { name: placeName(el), top };
  }
  return null;
}

let root = rootOf(document);
// Where refused forms are filled in again: the followed root, or on a page that is not
// followed (one's account, the admin pages) its main part.
const formsRoot = () => root || document.querySelector("main");
let busy = false;
let again = false;

function waiting(on) {
  const notice = root?.querySelector(".live-notice");
  if (!notice) return;
  notice.textContent = on
    ? `Someone changed ${root.dataset.followWhat || "this page"}: it will refresh when you leave the field you are editing.`
    : "";
  notice.classList.toggle("is-empty", !on);
}

function swap(fresh) {
  const active = root.contains(document.activeElement) ? document.activeElement : null;
  const activeName = active ? focusName(active) : null;
  const place = inView(root);
  carry(root, fresh);
  const adopted = document.adoptNode(fresh);
  root.replaceWith(adopted);
  root = adopted;
  root.dataset.hydrated = "true";
  if (active) {
    const twin = active.isConnected
      ? active
      : [...root.querySelectorAll(FOCUSABLE)].find((el) => focusName(el) === activeName);
    twin?.focus({ preventScroll: true });
  }
  if (place) {
    const twin = [...root.querySelectorAll(VISIBLE)].find((el) => placeName(el) === place.name);
    if (twin) scrollBy(0, twin.getBoundingClientRect().top - place.top);
  }
}

async function refresh() {
  if (editing()) {
    waiting(true);
    return;
  }
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    const answer = await fetch(location.href, { headers: { Accept: "text/html" }, cache: "no-store" });
    const fresh = answer.ok
      ? rootOf(new DOMParser().parseFromString(await answer.text(), "text/html"))
      : null;
    if (!fresh || !root || !root.isConnected) {
      // Gone (an archived card) or no longer this page: the server's page says so.
      location.reload();
      return;
    }
    if (editing()) {
      waiting(true);
      return;
    }
    swap(fresh);
  } catch {
    // Offline for a moment: the feed's own notice says when the page stops being live.
  } finally {
    busy = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

document.addEventListener("focusout", () => {
  setTimeout(() => {
    const notice = root?.querySelector(".live-notice");
    if (notice && !notice.classList.contains("is-empty") && !editing()) {
      waiting(false);
      refresh();
    }
  }, 0);
});

// Remember what the reader changed in the form being sent, to fill it in again if the
// server refuses it.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const scope = formsRoot();
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post" || !scope?.contains(form)) return;
  const key = [...formsByKey(scope)].find(([, f]) => f === form)?.[0];
  const fields = [];
  for (const [rank, el] of [...form.elements].entries()) {
    if (!el.name || el.type === "password" || el.type === "file" || !changed(el)) continue;
    const value = el.type === "checkbox" || el.type === "radio" ? el.checked : el.value;
    fields.push([rank, el.name, value]);
  }
  try {
    sessionStorage.setItem(SENT_KEY, JSON.stringify({ page: location.pathname, key, fields }));
  } catch {
    // Storage full or off: the refusal is still shown, only the typing is not kept.
  }
});

function refill() {
  let sent = null;
  try {
    sent = JSON.parse(sessionStorage.getItem(SENT_KEY) || "null");
    sessionStorage.removeItem(SENT_KEY);
  } catch {
    return;
  }
  const refused = new URLSearchParams(location.search).get("__path");
  const scope = formsRoot();
  if (!refused || !scope) return;
  const error = scope.querySelector(".form-error");
  const form =
    sent && sent.page === location.pathname && sent.key ? formsByKey(scope).get(sent.key) : null;
  if (form && (form.getAttribute("action") || "").endsWith(refused)) {
    const elements = [...form.elements];
    for (const [rank, name, value] of sent.fields) {
      const el = elements[rank]?.name === name ? elements[rank] : elements.find((e) => e.name === name);
      if (!el) continue;
      if (typeof value === "boolean") el.checked = value;
      else el.value = value;
    }
    form.closest("details")?.setAttribute("open", "");
    (form.querySelector(".form-error") || form).scrollIntoView({ block: "center" });
  } else {
    error?.scrollIntoView({ block: "center" });
  }
}

function listen() {
  const source = new EventSource(root.dataset.follow);
  html.dataset.live = "connecting";
  let closed = false;
  source.onopen = () => {
    html.dataset.live = "open";
  };
  source.onmessage = () => refresh();
  source.addEventListener("resync", () => refresh());
  source.onerror = () => {
    setTimeout(() => {
      if (!closed && source.readyState !== EventSource.OPEN) html.dataset.live = "paused";
    }, PAUSED_AFTER_MS);
  };
  addEventListener(
    "pagehide",
    () => {
      closed = true;
      source.close();
    },
    { once: true },
  );
}

// A presenter's keys (`data-keys` on the page's root): → / PageDown / Space open the next
// demo, ← / PageUp the previous one (the page's `rel=next` and `rel=prev` links), Escape
// goes back to the meeting (its `data-back` link).
addEventListener("keydown", (event) => {
  const keyed = document.querySelector("[data-keys]");
  if (!keyed || isField(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
  const selector = {
    ArrowRight: "a[rel=next]",
    PageDown: "a[rel=next]",
    " ": "a[rel=next]",
    ArrowLeft: "a[rel=prev]",
    PageUp: "a[rel=prev]",
    Escape: "a[data-back]",
  }[event.key];
  const link = selector && keyed.querySelector(selector);
  if (link) {
    event.preventDefault();
    location.href = link.href;
  }
});

// A timer (`[data-timer]`): minutes and seconds since the page opened.
const openedAt = Date.now();
setInterval(() => {
  const timer = document.querySelector("[data-timer]");
  if (!timer) return;
  const s = Math.floor((Date.now() - openedAt) / 1000);
  timer.textContent = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}, 1000);

// Drafts: what is typed into a form with `data-draft` (the agenda walk's key points and
// next step of each card) is kept for the browser tab until the form is saved, so moving
// on to another card and back loses nothing.
const DRAFTS_KEY = "ispo-board:drafts";
const DRAFT_SENT_KEY = "ispo-board:draft-sent";
function drafts() {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFTS_KEY) || "{}") || {};
  } catch {
    return {};
  }
}
function keepDrafts(all) {
  try {
    sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(all));
  } catch {
    // Storage full or off: the draft lives as long as the page.
  }
}
document.addEventListener("input", (event) => {
  const el = event.target;
  const key = el?.form?.dataset.draft;
  if (!key || !el.name || el.type === "hidden") return;
  const all = drafts();
  (all[key] ||= {})[el.name] = el.value;
  keepDrafts(all);
});
document.addEventListener("submit", (event) => {
  const key = event.target?.dataset?.draft;
  if (!key) return;
  try {
    sessionStorage.setItem(DRAFT_SENT_KEY, key);
  } catch {
    // As above.
  }
});
function restoreDrafts() {
  const all = drafts();
  let sent = null;
  try {
    sent = sessionStorage.getItem(DRAFT_SENT_KEY);
    sessionStorage.removeItem(DRAFT_SENT_KEY);
  } catch {
    // As above.
  }
  // A saved form comes back without an error: its draft is done.
  if (sent && !new URLSearchParams(location.search).has("__err")) {
    delete all[sent];
    keepDrafts(all);
  }
  for (const form of document.querySelectorAll("form[data-draft]")) {
    for (const [name, value] of Object.entries(all[form.dataset.draft] || {})) {
      const el = form.elements.namedItem(name);
      if (el && "value" in el) el.value = value;
    }
  }
}
restoreDrafts();

// Stages reordered by dragging in the workflow editor: a row dropped on another takes its
// place, and every place field is numbered anew (the form then sends those places, as
// typed ones would be). The empty "add a stage" row (`data-blank`) takes no part.
const stageRows = () => [...document.querySelectorAll("fieldset.stage-row")];
let draggedRow = null;
for (const handle of document.querySelectorAll(".drag-handle")) handle.classList.add("ready");
document.addEventListener("dragstart", (event) => {
  const handle = event.target instanceof Element ? event.target.closest(".drag-handle") : null;
  if (!handle) return;
  draggedRow = handle.closest("fieldset.stage-row");
  event.dataTransfer?.setData("text/plain", "");
  if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
  for (const row of stageRows()) row.classList.toggle("drop-target", row !== draggedRow && !("blank" in row.dataset));
});
document.addEventListener("dragend", () => {
  draggedRow = null;
  for (const row of stageRows()) row.classList.remove("drop-target");
});
const rowOf = (event) => (event.target instanceof Element ? event.target.closest("fieldset.stage-row") : null);
document.addEventListener("dragover", (event) => {
  if (draggedRow && rowOf(event)) event.preventDefault();
});
document.addEventListener("drop", (event) => {
  const onto = rowOf(event);
  if (!draggedRow || !onto) return;
  event.preventDefault();
  const rows = stageRows();
  if (onto !== draggedRow && !("blank" in onto.dataset)) {
    if (rows.indexOf(draggedRow) < rows.indexOf(onto)) onto.after(draggedRow);
    else onto.before(draggedRow);
    let place = 1;
    for (const row of stageRows()) {
      if ("blank" in row.dataset) continue;
      const field = row.querySelector('input[name$="[position]"]');
      if (field) field.value = String(place++);
    }
  }
  draggedRow = null;
  for (const row of stageRows()) row.classList.remove("drop-target");
});

// The script runs: no notice that it did not start, on this page or on the "not found"
// page a followed address can turn into.
html.dataset.app = "started";
refill();
if (root) {
  listen();
  root.dataset.hydrated = "true";
  // Back on the page through the browser's history, it may show an older copy.
  if (performance.getEntriesByType("navigation")[0]?.type === "back_forward") refresh();
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      listen();
      refresh();
    }
  });
}
