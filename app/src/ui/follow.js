// The live refresh of a followed document (a card's page, a meeting's page): such a page
// is rendered on the server and ships no WebAssembly; this script (served at
// `/follow.js`, see follow.rs) keeps it current and keeps what the reader typed.
//
// - It listens to the change feed the page names (`data-follow` on the page's root: the
//   feed already filtered by the server to what concerns the page). On a change, or a
//   `resync`, it fetches the page again and puts the new root in place of the old one.
//   While the keyboard is in one of the page's fields the change waits, said in the
//   page's `.live-notice`, until the field is left. Folded panels stay as the reader left
//   them, and a form someone has typed into stays as it is (with the version it was
//   loaded with: saving it over a newer change is refused, as on the server).
// - A form post the server refuses comes back to the page with `__path` naming the form's
//   action: the fields typed into the form that was sent are filled in again (passwords
//   excepted), so a refusal loses nothing.
// - `data-live` on the document says whether the feed is open (the style sheet shows the
//   "paused" notice), `data-app="started"` that the script runs (it hides the "did not
//   start" notice), and `data-hydrated="true"` on the root that the page is live.
const PAUSED_AFTER_MS = 4000;
const SENT_KEY = "ispo-board:sent-form";
const html = document.documentElement;
const rootOf = (doc) => doc.querySelector("[data-follow]");

const isField = (el) => el instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
const editing = () => {
  const root = rootOf(document);
  return root !== null && isField(document.activeElement) && root.contains(document.activeElement);
};

// Forms are matched between two renderings by their action and their rank among the
// forms with that action.
function formsByKey(root) {
  const seen = new Map();
  const keyed = new Map();
  for (const form of root.querySelectorAll("form")) {
    const action = form.getAttribute("action") || "";
    const rank = seen.get(action) || 0;
    seen.set(action, rank + 1);
    keyed.set(`${action}#${rank}`, form);
  }
  return keyed;
}

function typedInto(form) {
  for (const el of form.elements) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
    if (el.type === "checkbox" || el.type === "radio") {
      if (el.checked !== el.defaultChecked) return true;
    } else if (el.tagName === "SELECT") {
      if ([...el.options].some((o) => o.selected !== o.defaultSelected)) return true;
    } else if ("value" in el && el.value !== el.defaultValue) {
      return true;
    }
  }
  return false;
}

// What the reader did to the old rendering that the new one should keep.
function carry(old, fresh) {
  const summary = (d) => d.querySelector("summary")?.textContent.trim() || "";
  const freshDetails = new Map([...fresh.querySelectorAll("details")].map((d) => [summary(d), d]));
  for (const details of old.querySelectorAll("details")) {
    const twin = freshDetails.get(summary(details));
    if (twin) twin.open = details.open;
  }
  const freshForms = formsByKey(fresh);
  for (const [key, form] of formsByKey(old)) {
    const twin = freshForms.get(key);
    if (twin && typedInto(form)) twin.replaceWith(form);
  }
}

let root = rootOf(document);
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
    const answer = await fetch(location.href, { headers: { Accept: "text/html" } });
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
    carry(root, fresh);
    const adopted = document.adoptNode(fresh);
    root.replaceWith(adopted);
    root = adopted;
    root.dataset.hydrated = "true";
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

// Remember the form being sent, to fill it in again if the server refuses it.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post" || !root?.contains(form)) return;
  const key = [...formsByKey(root)].find(([, f]) => f === form)?.[0];
  const fields = [];
  for (const el of form.elements) {
    if (!el.name || ["hidden", "password", "submit", "button", "file"].includes(el.type)) continue;
    if (el.type === "checkbox" || el.type === "radio") fields.push([el.name, el.value, el.checked]);
    else fields.push([el.name, el.value, null]);
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
  if (!sent || !root || !refused || sent.page !== location.pathname || !sent.key) return;
  const form = formsByKey(root).get(sent.key);
  if (!form || !(form.getAttribute("action") || "").endsWith(refused)) return;
  const used = new Map();
  for (const [name, value, checked] of sent.fields) {
    const same = [...form.elements].filter((el) => el.name === name && el.type !== "hidden");
    if (checked !== null) {
      const box = same.find((el) => el.value === value);
      if (box) box.checked = checked;
      continue;
    }
    const rank = used.get(name) || 0;
    used.set(name, rank + 1);
    if (same[rank]) same[rank].value = value;
  }
  form.closest("details")?.setAttribute("open", "");
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
  addEventListener("pagehide", () => {
    closed = true;
    source.close();
  }, { once: true });
}

// Back to the page from the browser's history: it may have missed changes.
addEventListener("pageshow", (event) => {
  if (event.persisted && root) {
    listen();
    refresh();
  }
});

if (root) {
  html.dataset.app = "started";
  refill();
  listen();
  root.dataset.hydrated = "true";
}
