// The ohmock inspector: reads and drives the mock through the agent API, the events socket and
// the control API. No framework and no build step: the mock serves this file as it is.
"use strict";

const CONTROL = location.pathname.replace(/\/ui\/?$/, "");
const KEY_STORE = "ohmock.session-key";
const POLL_MS = 1000;
const JOURNAL_ROWS = 200;

const ui = {
  key: sessionStorage.getItem(KEY_STORE) || "",
  selected: null,
  socket: null,
  events: [],
  stateTimer: null,
};

const $ = (id) => document.getElementById(id);

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("data-")) node.setAttribute(name, value);
    else node[name] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

function notify(message, isError = false) {
  const notice = $("notice");
  notice.textContent = message;
  notice.classList.toggle("error", isError);
}

// -- HTTP and the session key ---------------------------------------------------------------------

class Unauthorized extends Error {}

async function call(method, path, body) {
  const headers = {};
  const sentKey = ui.key;
  if (sentKey) headers["X-Session-API-Key"] = sentKey;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (_) {
    // not JSON: keep the text
  }
  if (response.status === 401) {
    if (sentKey === ui.key) askForKey(); // not when a newer key is already set

    throw new Unauthorized("the server needs its session key");
  }
  if (!response.ok) {
    const detail = data && typeof data === "object" && "detail" in data ? data.detail : data;
    throw new Error(`${method} ${path} → ${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return data;
}

async function attempt(what, action) {
  try {
    const result = await action();
    notify(what);
    return result;
  } catch (error) {
    if (!(error instanceof Unauthorized)) notify(`${what} failed: ${error.message}`, true);
    else notify("enter the session key", true);
    return undefined;
  }
}

function askForKey() {
  const dialog = $("key-dialog");
  if (!dialog.open) {
    $("key-input").value = ui.key;
    dialog.showModal();
  }
}

$("key-form").addEventListener("submit", () => {
  ui.key = $("key-input").value;
  sessionStorage.setItem(KEY_STORE, ui.key);
  notify("key set");
  refreshAll();
  if (ui.selected) watch(ui.selected);
});
$("change-key").addEventListener("click", askForKey);

// -- conversations ------------------------------------------------------------------------------------

function statusBadge(status) {
  return element("span", { class: `status status-${status || "unknown"}`, textContent: status || "?" });
}

async function refreshConversations() {
  const page = await call("GET", "/api/conversations/search?limit=100&sort_order=CREATED_AT_DESC");
  const list = $("conversations");
  list.replaceChildren(
    ...page.items.map((info) => {
      const button = element(
        "button",
        { type: "button", "data-id": info.id, title: info.id },
        element("span", { class: "title", textContent: info.title || info.id.slice(0, 8) }),
        statusBadge(info.execution_status),
      );
      button.setAttribute("aria-current", String(info.id === ui.selected));
      button.addEventListener("click", () => select(info.id));
      return element("li", {}, button);
    }),
  );
  if (!page.items.length) list.append(element("li", { class: "muted", textContent: "none yet" }));
  const current = page.items.find((info) => info.id === ui.selected);
  if (current) $("conversation-status").replaceWith(Object.assign(statusBadge(current.execution_status), { id: "conversation-status" }));
}

async function refreshScenarios() {
  const listing = await call("GET", `${CONTROL}/scenarios`);
  const names = Object.keys(listing.scenarios);
  for (const id of ["new-scenario", "conversation-scenario-choice", "default-scenario-choice"]) {
    const select = $(id);
    const chosen = select.value || listing.default;
    select.replaceChildren(...names.map((name) => element("option", { value: name, textContent: name })));
    select.value = names.includes(chosen) ? chosen : listing.default;
  }
  $("scenario-list").replaceChildren(
    ...names.flatMap((name) => [
      element("dt", { textContent: name + (name === listing.default ? " (default)" : "") }),
      element("dd", { textContent: listing.scenarios[name] }),
    ]),
  );
}

$("new-conversation").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("conversation started", async () => {
    const body = await call("GET", `${CONTROL}/scenarios/${encodeURIComponent($("new-scenario").value)}/start`);
    const text = $("new-message").value.trim();
    if (text) body.initial_message = { role: "user", content: [{ type: "text", text }], run: $("new-run").checked };
    const info = await call("POST", "/api/conversations", body);
    await select(info.id);
    await refreshConversations();
  });
});

async function select(id) {
  ui.selected = id;
  $("conversation").hidden = false;
  $("conversation-id").textContent = id;
  $("inject-event").value = JSON.stringify(
    { kind: "MessageEvent", source: "agent", llm_message: { role: "assistant", content: [{ type: "text", text: "Injected from the inspector" }] } },
    null,
    1,
  );
  watch(id);
  await refreshState();
  await refreshConversations();
}

async function refreshState() {
  if (!ui.selected) return;
  const info = await call("GET", `/api/conversations/${ui.selected}`);
  $("state").textContent = JSON.stringify(info, null, 2);
  $("conversation-status").replaceWith(Object.assign(statusBadge(info.execution_status), { id: "conversation-status" }));
}

function soonRefreshState() {
  clearTimeout(ui.stateTimer);
  ui.stateTimer = setTimeout(() => refreshState().catch(() => {}), 150);
}

// -- the events socket ---------------------------------------------------------------------------------

function isTransient(event) {
  // As the contract's ws_protocol.is_transient_event: never written to the event log.
  return ["StreamingDeltaEvent", "ServerErrorEvent"].includes(event.kind) ||
    (event.kind === "ConversationStateUpdateEvent" && event.key === "full_state");
}

function describe(event) {
  if (event.kind === "ConversationStateUpdateEvent") {
    if (event.key === "full_state") return `full_state: ${event.value && event.value.execution_status}`;
    return `${event.key} = ${JSON.stringify(event.value)}`.slice(0, 80);
  }
  if (event.kind === "MessageEvent") {
    const parts = (event.llm_message && event.llm_message.content) || [];
    return parts.map((part) => part.text || "").join(" ").slice(0, 80);
  }
  if (event.kind === "ActionEvent") return `${event.tool_name || ""} ${JSON.stringify((event.action || {}).command || "")}`.slice(0, 80);
  return "";
}

function appendEvent(event) {
  ui.events.push(event);
  const transient = isTransient(event);
  const summary = element(
    "summary",
    {},
    element("span", { class: "seq", textContent: `#${ui.events.length}` }),
    element("span", { class: "kind", textContent: event.kind || "(not an event)", title: event.source || "" },
      element("span", { class: "source", textContent: event.source ? ` · ${event.source}` : "" })),
    element("span", { class: "what", textContent: describe(event) }),
    element("span", { class: transient ? "transient" : "persisted", textContent: transient ? "transient" : "persisted" }),
  );
  const item = element("li", { class: `event kind-${event.kind}` }, element("details", {}, summary, element("pre", { textContent: JSON.stringify(event, null, 2) })));
  $("timeline").append(item);
  if (event.kind === "ConversationStateUpdateEvent") soonRefreshState();
}

function watch(id) {
  if (ui.socket) ui.socket.close(1000);
  ui.events = [];
  $("timeline").replaceChildren();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/sockets/events/${id}?resend_mode=all`);
  ui.socket = socket;
  $("socket-state").textContent = "(connecting)";
  socket.addEventListener("open", () => {
    if (ui.key) socket.send(JSON.stringify({ type: "auth", session_api_key: ui.key }));
    $("socket-state").textContent = "(live)";
  });
  socket.addEventListener("message", (message) => {
    if (socket !== ui.socket) return;
    try {
      appendEvent(JSON.parse(message.data));
    } catch (_) {
      appendEvent({ kind: "(unreadable frame)", raw: String(message.data) });
    }
  });
  socket.addEventListener("close", (close) => {
    if (socket !== ui.socket) return;
    $("socket-state").textContent = `(closed ${close.code}${close.reason ? ": " + close.reason : ""})`;
    if (close.code === 4001) askForKey();
  });
}

// -- run control -------------------------------------------------------------------------------------------

function conversationPath(suffix = "") {
  return `/api/conversations/${ui.selected}${suffix}`;
}

$("send-message").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("message-text").value;
  attempt("message sent", async () => {
    await call("POST", conversationPath("/events"), { role: "user", content: [{ type: "text", text }], run: $("message-run").checked });
    $("message-text").value = "";
  });
});

for (const button of document.querySelectorAll("[data-action]")) {
  button.addEventListener("click", () => attempt(`${button.dataset.action} sent`, () => call("POST", conversationPath(`/${button.dataset.action}`))));
}
for (const button of document.querySelectorAll("[data-answer]")) {
  const accept = button.dataset.answer === "accept";
  button.addEventListener("click", () =>
    attempt(`${button.dataset.answer}ed`, () =>
      call("POST", conversationPath("/events/respond_to_confirmation"), accept ? { accept } : { accept, reason: "rejected in the inspector" }),
    ),
  );
}
$("delete-conversation").addEventListener("click", () =>
  attempt("conversation deleted", async () => {
    await call("DELETE", conversationPath());
    if (ui.socket) ui.socket.close(1000);
    ui.selected = null;
    $("conversation").hidden = true;
    await refreshConversations();
  }),
);
$("force-status").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("status forced", () => call("POST", `${CONTROL}/conversations/${ui.selected}/status`, { status: $("status-choice").value }));
});
$("conversation-scenario").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("scenario selected", () => call("PUT", `${CONTROL}/conversations/${ui.selected}/scenario`, { name: $("conversation-scenario-choice").value }));
});
$("inject").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("event injected", async () => {
    const parsed = JSON.parse($("inject-event").value);
    await call("POST", `${CONTROL}/conversations/${ui.selected}/events`, { event: parsed, persist: $("inject-persist").checked });
  });
});

// -- faults, journal, scenarios ----------------------------------------------------------------------------

async function refreshFaults() {
  $("faults").textContent = JSON.stringify(await call("GET", `${CONTROL}/faults`), null, 2);
}

$("fault-preset").addEventListener("change", () => {
  if ($("fault-preset").value) $("faults-json").value = $("fault-preset").value;
});
$("faults-form").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("faults armed", async () => {
    await call("POST", `${CONTROL}/faults`, JSON.parse($("faults-json").value));
    await refreshFaults();
  });
});
$("faults-clear").addEventListener("click", () =>
  attempt("faults cleared", async () => {
    await call("DELETE", `${CONTROL}/faults`);
    await refreshFaults();
  }),
);

async function refreshJournal() {
  const channel = $("journal-channel").value;
  const entries = await call("GET", `${CONTROL}/journal${channel ? "?channel=" + channel : ""}`);
  const rows = entries.slice(-JOURNAL_ROWS).reverse().map((entry) =>
    element(
      "tr",
      { class: `channel-${entry.channel}` },
      element("td", { textContent: new Date(entry.at * 1000).toLocaleTimeString() }),
      element("td", { textContent: entry.channel }),
      element("td", { textContent: entry.direction }),
      element("td", { textContent: entry.method }),
      element("td", { textContent: entry.path }),
      element("td", { textContent: entry.status ?? "" }),
      element("td", { class: "body", textContent: entry.body === null || entry.body === undefined ? "" : JSON.stringify(entry.body).slice(0, 160) }),
    ),
  );
  $("journal").replaceChildren(...rows);
}

$("journal-refresh").addEventListener("click", () => attempt("journal read", refreshJournal));
$("journal-channel").addEventListener("change", () => attempt("journal read", refreshJournal));

$("default-scenario").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("default scenario set", async () => {
    await call("PUT", `${CONTROL}/scenario`, { name: $("default-scenario-choice").value });
    await refreshScenarios();
  });
});
$("load-scenario").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt("scenario loaded", async () => {
    await call("POST", `${CONTROL}/scenarios`, JSON.parse($("scenario-json").value));
    await refreshScenarios();
  });
});

let resetArmed = null;
$("reset").addEventListener("click", () => {
  // Two clicks within 3 s: a reset forgets everything.
  if (!resetArmed) {
    $("reset").textContent = "Click again to reset";
    resetArmed = setTimeout(() => {
      resetArmed = null;
      $("reset").textContent = "Reset mock";
    }, 3000);
    return;
  }
  clearTimeout(resetArmed);
  resetArmed = null;
  $("reset").textContent = "Reset mock";
  attempt("mock reset", async () => {
    await call("POST", `${CONTROL}/reset`);
    if (ui.socket) ui.socket.close(1000);
    ui.selected = null;
    $("conversation").hidden = true;
    await refreshAll();
  });
});

// -- tabs (arrow keys move between them, as a tablist should) --------------------------------------------

const tabs = [...document.querySelectorAll("[role=tab]")];
function showTab(tab) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
  if (tab.id === "tab-journal") attempt("journal read", refreshJournal);
  if (tab.id === "tab-faults") attempt("faults read", refreshFaults);
}
for (const tab of tabs) {
  tab.addEventListener("click", () => showTab(tab));
  tab.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    showTab(next);
  });
}
showTab(tabs[0]);

// -- start ---------------------------------------------------------------------------------------------------

async function refreshAll() {
  await refreshScenarios();
  await refreshConversations();
  await refreshFaults();
}

async function poll() {
  try {
    await refreshConversations();
    if (!$("panel-journal").hidden && $("journal-follow").checked) await refreshJournal();
  } catch (_) {
    // reported by the call that failed; keep polling
  }
  setTimeout(poll, POLL_MS);
}

(async () => {
  try {
    const info = await fetch("/server_info").then((response) => response.json());
    $("server").textContent = `${location.host} · agent server ${info.version || "?"}`;
  } catch (_) {
    $("server").textContent = location.host;
  }
  await attempt("ready", refreshAll);
  poll();
})();
