// The specialists' page. Everything user-supplied is put in the page as text (textContent), never as HTML.
"use strict";

const state = { me: null, csrf: null, events: null, batchRows: new Map(), batchData: new Map(), check: null,
  openStoreId: null, live: null, liveNotice: null };
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c ?? "")));
  return node;
}

async function api(method, path, body, contentType) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
  if (method !== "GET" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, { method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : contentType ? body : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401 && path !== "/api/session") { showSignIn(); }
  if (!response.ok) {
    const error = new Error(json?.error?.message || response.statusText);
    error.body = json;
    throw error;
  }
  return json;
}

const stateLabel = { not_authorized: "no agency authorization", not_started: "not provisioned",
  token_entered: "token entered by hand",
  needs_attention: "needs attention", waiting_for_person: "needs a person", ok: "token ok", refused: "token refused",
  invalid: "token stopped working", no_company_access: "no company access", token_refused: "token refused" };
const badge = (s) => el("span", { class: "state " + s }, stateLabel[s] || s);
const when = (iso) => iso ? new Date(iso).toLocaleString() : "";

// ---- sign-in and navigation
function showSignIn() {
  state.me = null;
  document.querySelectorAll("main > section").forEach((s) => (s.hidden = s.id !== "signin"));
  $("nav").hidden = true;
  $("who").replaceChildren();
  $("detail").hidden = true;
}

async function start() {
  try {
    signedIn(await api("GET", "/api/session"));
  } catch (e) {
    showSignIn();
  }
}

function signedIn(me) {
  state.me = me;
  state.csrf = me.csrfToken;
  $("nav").hidden = false;
  $("nav-admin").hidden = me.role !== "admin";
  $("who").replaceChildren(el("span", {}, `${me.actor} (${me.role})`),
    el("button", { type: "button", class: "secondary", onclick: signOut }, "Sign out"));
  route();
}

async function signOut() {
  await api("DELETE", "/api/session").catch(() => {});
  state.csrf = null;
  showSignIn();
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  $("signin-error").textContent = "";
  try {
    signedIn(await api("POST", "/api/session", { email: form.get("email"), password: form.get("password") }));
    event.target.reset();
  } catch (e) {
    $("signin-error").textContent = e.message;
  }
});

function route() {
  if (!state.me) return;
  const view = (location.hash || "#stores").slice(1);
  const known = ["stores", "batches", "audit"].concat(state.me.role === "admin" ? ["admin"] : []);
  const current = known.includes(view) ? view : "stores";
  document.querySelectorAll("main > section").forEach((s) => (s.hidden = s.id !== current));
  document.querySelectorAll("#nav a").forEach((a) => a.toggleAttribute("aria-current", a.hash === "#" + current));
  if (current === "stores") loadStores();
  if (current === "batches") loadBatches();
  if (current === "audit") loadAudit();
  if (current === "admin") loadAdmin();
}
window.addEventListener("hashchange", route);

// ---- stores
let searchTimer;
$("store-search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(loadStores, 200);
});

$("store-failing").addEventListener("change", () => loadStores());

async function loadStores() {
  const q = $("store-search").value.trim();
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if ($("store-failing").checked) params.set("failing", "true");
  const query = params.toString();
  const { stores } = await api("GET", "/api/stores" + (query ? "?" + query : ""));
  $("store-rows").replaceChildren(...stores.map(storeRow));
}

// A store's sync in a word: the token's health when it is not ok, else the last sync's outcome.
function syncBadge(sync) {
  if (!sync) return "—";
  const word = sync.tokenHealth !== "ok" ? sync.tokenHealth : sync.lastOutcome || "scheduled";
  return el("span", { "data-field": "sync" }, badge(sync.failing && word === "failed" ? "failing" : word));
}

function storeRow(store) {
  const action = !store.agencyAuthorized ? el("span", { class: "note" }, "No agency authorization")
    : store.cjAccessToken ? el("button", { type: "button", onclick: () => replaceToken(store.id) }, "Replace token")
    : el("button", { type: "button", onclick: () => provision(store.id) }, "Provision");
  return el("tr", { "data-store": store.id },
    el("td", {}, el("button", { type: "button", class: "linklike", onclick: () => openStore(store.id) }, store.name),
      el("div", { class: "hint" }, store.id)),
    el("td", {}, store.cjCompanyId),
    el("td", {}, badge(store.onboarding)),
    el("td", {}, store.cjAccessToken || "—"),
    el("td", { class: "num" }, String(store.commissionCount)),
    el("td", {}, syncBadge(store.sync)),
    el("td", {}, action));
}

// A store with a working token gets a second one only when a person says so; the old one is then listed to revoke.
async function replaceToken(storeId) {
  if (!confirm("This store already has a working CJ token. Register a new one? The current one will be listed "
      + "on the store for you to revoke in CJ.")) return;
  await provision(storeId, true);
}

async function provision(storeId, replace = false) {
  const { jobId } = await api("POST", `/api/stores/${encodeURIComponent(storeId)}/provision`, { replace });
  await loadStores();
  followJob(jobId);
}

async function followJob(jobId) {
  for (;;) {
    const job = await api("GET", `/api/jobs/${jobId}`);
    if (!["queued", "running", "waiting_for_person"].includes(job.state)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!$("stores").hidden) await loadStores();
}

// ---- the store / job detail
async function openStore(storeId) {
  state.check = null;
  if (state.openStoreId !== storeId) state.liveNotice = null;
  state.openStoreId = storeId;
  const store = await api("GET", `/api/stores/${encodeURIComponent(storeId)}`);
  const job = store.latestJob ? await api("GET", `/api/jobs/${store.latestJob.id}`) : null;
  if (state.live && state.live.jobId !== job?.id) closeLive();
  $("detail-title").textContent = store.name;
  const facts = [["Store id", store.id], ["CJ company", store.cjCompanyId],
    ["Agency authorization", store.agencyAuthorization
      ? `${store.agencyAuthorization.reference}, signed ${store.agencyAuthorization.signedOn}` : "none"],
    ["Commissions", el("span", { "data-field": "commissions" }, String(store.commissions.count))],
    ...syncFacts(store.sync)];
  const body = [el("dl", {}, facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])), storeSettings(store)];
  const notice = tokenNotice(store);
  if (notice) body.unshift(notice);
  if (store.agencyAuthorization) body.push(autoReprovision(store));
  if (store.settings.possiblyOrphanedTokens.length) body.push(tokensToRevoke(store));
  if (state.liveNotice) body.unshift(el("p", { class: "notice", role: "status" }, state.liveNotice));
  if (job) body.push(jobDetail(job));
  if (job?.state === "waiting_for_person") body.push(liveView(job, storeId));
  $("detail-body").replaceChildren(...body);
  if (job && ["queued", "running"].includes(job.state)) refreshSoon(storeId);
  $("detail-retry").hidden = !job || !["failed", "needs_attention", "cancelled"].includes(job.state);
  $("detail-cancel").hidden = !job || !["queued", "running", "waiting_for_person"].includes(job.state);
  $("detail-retry").onclick = () => jobAction(job.id, "retry", storeId);
  $("detail-cancel").onclick = () => jobAction(job.id, "cancel", storeId);
  $("detail").hidden = false;
}

// Store Settings: a token the store owner registered in CJ, entered by hand. CJ checks it before it is stored;
// the field is never pre-filled and is emptied on Save, whatever CJ answered.
function storeSettings(store) {
  const token = el("dd", { "data-field": "token" }, store.settings.cjAccessToken || "none");
  const result = el("p", { role: "status", class: "notice" });
  const input = el("input", { type: "password", name: "token", autocomplete: "off", spellcheck: "false", required: true });
  const form = el("form", { class: "token-form", hidden: true, onsubmit: (e) => {
    e.preventDefault();
    saveToken(store, input, token, result, form);
  } }, el("label", {}, "CJ Access Token", input),
  el("button", { type: "submit" }, "Save"),
  el("button", { type: "button", class: "secondary", onclick: () => { input.value = ""; form.hidden = true; } }, "Cancel"));
  const edit = el("button", { type: "button", class: "secondary", onclick: () => {
    result.textContent = "";
    form.hidden = false;
    input.focus();
  } }, "Edit");
  return el("section", { class: "store-settings", "aria-labelledby": "store-settings-title" },
    el("h3", { id: "store-settings-title" }, "Store Settings"),
    el("h4", {}, "CJ Affiliate Account Details"),
    el("dl", {}, el("dt", {}, "CID"), el("dd", {}, store.cjCompanyId), el("dt", {}, "CJ Access Token"), token),
    edit, form, result);
}

async function saveToken(store, input, token, result, form) {
  const value = input.value.trim(); // a pasted token often carries a line break
  input.value = "";
  result.className = "notice";
  result.textContent = "Checking the token with CJ…";
  try {
    const saved = await api("PUT", `/api/stores/${encodeURIComponent(store.id)}/cj-access-token`, { token: value });
    form.hidden = true;
    token.textContent = saved.cjAccessToken;
    result.textContent = `Verified with CJ and saved: ${saved.cjAccessToken}. Commission retrieval has started.`
      + (saved.replaced ? ` The previous token (${saved.replaced}) is listed to revoke in CJ.` : "");
    if (!$("stores").hidden) loadStores();
    followRetrieval(store, result);
  } catch (e) {
    const fields = (e.body?.error?.fields || []).map((f) => ` ${f.field} ${f.problem}.`).join("");
    result.className = "error";
    result.textContent = e.message + fields;
  }
}

// Shows the commission count once the retrieval queued by Save has finished.
async function followRetrieval(store, result) {
  const before = store.commissions.lastRetrievedAt;
  for (let i = 0; i < 120 && !$("detail").hidden && result.isConnected; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await api("GET", `/api/stores/${encodeURIComponent(store.id)}`);
    if (now.commissions.lastRetrievedAt && now.commissions.lastRetrievedAt !== before) {
      const count = document.querySelector("#detail-body [data-field=commissions]");
      if (count) count.textContent = String(now.commissions.count);
      result.textContent += ` ${now.commissions.count} commissions retrieved.`;
      if (!$("stores").hidden) loadStores();
      return;
    }
  }
}

function syncFacts(sync) {
  if (!sync) return [["Sync", "not yet (no token)"]];
  const last = sync.lastSyncAt ? [`${when(sync.lastSyncAt)}: `, badge(sync.lastOutcome)] : ["not yet"];
  return [["Last sync", el("span", { "data-field": "last-sync" }, ...last,
      sync.lastError && sync.lastOutcome !== "succeeded" ? ` (${sync.lastError})` : "")],
    ["Next sync", sync.tokenHealth === "ok" || sync.tokenHealth === "refused" ? when(sync.nextSyncAt) : "paused"],
    ["Records held", el("span", { "data-field": "records-held" }, String(sync.recordsHeld))],
    ["Token health", el("span", { "data-field": "token-health" }, badge(sync.tokenHealth),
      ` since ${when(sync.tokenHealthSince)}`)]];
}

// CJ stopped accepting the token: re-provisioning is under way, or a person decides (Re-provision).
function tokenNotice(store) {
  const sync = store.sync;
  if (!sync || sync.tokenHealth === "ok" || sync.tokenHealth === "refused") return null;
  if (sync.tokenHealth === "no_company_access") {
    return el("p", { class: "error", role: "alert" }, "The CJ login can no longer see this company. Ask the advertiser "
      + "to add the login to the company again, then re-provision. ",
      store.agencyAuthorization ? el("button", { type: "button", onclick: () => reprovision(store.id) }, "Re-provision") : "");
  }
  const reprovisioning = sync.reprovisionJobId && ["queued", "running"].includes(store.latestJob?.state);
  if (reprovisioning) return el("p", { class: "note", role: "status" }, "Token stopped working: re-provisioning it.");
  return el("p", { class: "error", role: "alert" }, "Token stopped working. ",
    store.agencyAuthorization
      ? el("button", { type: "button", onclick: () => reprovision(store.id) }, "Re-provision")
      : "Ask the store owner for a new token.");
}

async function reprovision(storeId) {
  try {
    await provision(storeId, true);
  } catch (e) {
    alertIn($("detail-body"), e.message);
  }
  await openStore(storeId);
}

function autoReprovision(store) {
  const box = el("input", { type: "checkbox", checked: store.autoReprovision, onchange: async () => {
    try {
      await api("PUT", `/api/stores/${encodeURIComponent(store.id)}/sync-policy`, { autoReprovision: box.checked });
    } catch (e) {
      alertIn($("detail-body"), e.message);
    }
  } });
  return el("label", {}, box, " Re-provision by itself when CJ stops accepting the token");
}

// Tokens CJ may hold besides the store's own: a person revokes each in CJ's portal, then says so here.
function tokensToRevoke(store) {
  const items = store.settings.possiblyOrphanedTokens.map((t) => el("li", { "data-orphan": String(t.id) },
    el("strong", {}, t.name), ` (${t.jobId ? "job " + t.jobId : "no job"}, ${when(t.recordedAt)}): ${t.reason} `,
    el("button", { type: "button", onclick: () => markRevoked(store.id, t.id) }, "Mark revoked")));
  return el("div", {}, el("h3", {}, "Tokens to revoke in CJ"), el("ul", {}, ...items));
}

async function markRevoked(storeId, id) {
  try {
    await api("POST", `/api/stores/${encodeURIComponent(storeId)}/possibly-orphaned-tokens/${id}/revoked`, {});
  } catch (e) {
    alertIn($("detail-body"), e.message);
    return;
  }
  await openStore(storeId);
}

function jobDetail(job) {
  const lastStep = job.steps.length ? job.steps[job.steps.length - 1].name : "";
  const step = job.error?.step || lastStep;
  const parts = [el("h3", {}, "Latest job"), el("dl", {},
    el("dt", {}, "State"), el("dd", {}, badge(job.state)),
    el("dt", {}, "Attempts"), el("dd", {}, String(job.attempts)),
    el("dt", {}, "Step"), el("dd", { "data-field": "step" }, step),
    ...(job.error ? [el("dt", {}, "Error"), el("dd", { "data-field": "error" },
      el("strong", {}, job.error.code), " — ", job.error.message || "")] : []))];
  if (job.hasScreenshot) {
    parts.push(el("img", { src: `/api/jobs/${job.id}/screenshot`, alt: "Masked screenshot of the failure" }));
  }
  return el("div", {}, parts);
}

async function jobAction(jobId, action, storeId) {
  try {
    await api("POST", `/api/jobs/${jobId}/${action}`, {});
  } catch (e) {
    alertIn($("detail-body"), e.message);
  }
  await openStore(storeId);
  if (!$("stores").hidden) loadStores();
}

function alertIn(container, message) {
  container.prepend(el("p", { class: "error", role: "alert" }, message));
}

$("detail-close").addEventListener("click", () => {
  $("detail").hidden = true;
  state.openStoreId = null;
  closeLive();
});

// An open store whose job is on its way is looked at again, so a job that starts waiting for a person shows it.
function refreshSoon(storeId) {
  setTimeout(() => {
    if (!$("detail").hidden && state.openStoreId === storeId && !state.live) openStore(storeId);
  }, 1500);
}

// ---- the live view: the agent's browser while its sign-in waits for a person. Frames arrive as JPEG over a
// WebSocket and are shown, never kept; clicks, the wheel and typing go back as fractions of the frame and text.
const LIVE_KEYS = ["Enter", "Tab", "Backspace", "Delete", "Escape", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown",
  "Home", "End"];

function liveView(job, storeId) {
  if (state.live?.jobId === job.id) return state.live.node;
  closeLive();
  const img = el("img", { alt: "Live view of the agent's browser", draggable: "false" });
  const status = el("p", { role: "status", "data-field": "live-status" }, "Connecting to the agent's browser…");
  const screen = el("div", { class: "live-screen", tabindex: "0", "aria-label": "Agent's browser" }, img);
  const giveUp = el("button", { type: "button", class: "secondary", onclick: () => jobAction(job.id, "give-up", storeId) },
    "Give up");
  const node = el("div", { class: "live" }, el("h3", {}, "Needs a person"),
    el("p", {}, "The agent cannot pass this sign-in page by itself. Finish it in its browser below; "
      + "the agent goes on once the portal is signed in."), screen, status, giveUp);
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/jobs/${job.id}/live`);
  socket.binaryType = "blob";
  const live = { jobId: job.id, node, socket, url: null };
  state.live = live;
  socket.onmessage = (event) => {
    if (typeof event.data !== "string") {
      const previous = live.url;
      live.url = URL.createObjectURL(event.data);
      img.src = live.url;
      if (previous) URL.revokeObjectURL(previous);
      status.textContent = "Live: click, scroll and type in the browser above.";
      return;
    }
    const message = JSON.parse(event.data);
    if (message.type === "ended") liveEnded(live, message.reason, storeId);
  };
  socket.onclose = () => { if (state.live === live && !live.ended) status.textContent = "The live view closed."; };
  const send = (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));
  const point = (event) => ({ x: event.offsetX / img.clientWidth, y: event.offsetY / img.clientHeight });
  img.addEventListener("click", (event) => { screen.focus(); send({ type: "click", ...point(event) }); });
  img.addEventListener("wheel", (event) => { event.preventDefault(); send({ type: "wheel", ...point(event), dy: event.deltaY }); });
  screen.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) send({ type: "text", text: event.key });
    else if (LIVE_KEYS.includes(event.key)) send({ type: "key", key: event.key });
    else return;
    event.preventDefault();
  });
  return node;
}

const liveEndings = { signed_in: "Signed in: the agent goes on by itself (company, Register, hand-over).",
  agent_continues: "Passed: the agent goes on signing in by itself.", gave_up: "The live view ended: nobody finished the page." };

function liveEnded(live, reason, storeId) {
  live.ended = true;
  state.liveNotice = liveEndings[reason] || "The live view ended.";
  closeLive();
  if (state.openStoreId === storeId) openStore(storeId);
}

function closeLive() {
  const live = state.live;
  if (!live) return;
  state.live = null;
  live.socket.close();
  if (live.url) URL.revokeObjectURL(live.url);
}

// ---- batches
$("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("csv-file").files[0];
  if (!file) return;
  $("upload-result").replaceChildren();
  try {
    const created = await api("POST", "/api/batches", await file.text(), "text/csv");
    $("upload-result").replaceChildren(uploadSummary(created));
    event.target.reset();
    showBatch(created.batchId);
    loadBatchList();
  } catch (e) {
    const fields = e.body?.error?.fields || [];
    $("upload-result").replaceChildren(el("div", { class: "bad-rows", role: "alert" }, e.message,
      el("ul", {}, fields.map((f) => el("li", {}, `${f.field}: ${f.problem}`)))));
  }
});

function uploadSummary(created) {
  const rows = created.badRows.map((p) => el("li", {}, `Row ${p.row}, ${p.field}: ${p.problem}`));
  return el("div", {},
    el("p", {}, `${created.accepted} of ${created.rows} rows queued.`),
    rows.length ? el("div", { class: "bad-rows", "aria-label": "Bad rows" },
      el("strong", {}, notAccepted(new Set(created.badRows.map((p) => p.row)).size)),
      el("ul", {}, rows)) : "");
}

const notAccepted = (n) => `${n} ${n === 1 ? "row was" : "rows were"} not accepted:`;

async function loadBatches() {
  await loadBatchList();
}

async function loadBatchList() {
  const { batches } = await api("GET", "/api/batches");
  $("batch-list").replaceChildren(...batches.map((b) => el("tr", {},
    el("td", {}, el("button", { type: "button", class: "linklike", onclick: () => showBatch(b.id) }, when(b.createdAt))),
    el("td", {}, b.createdBy), el("td", { class: "num" }, String(b.rows)),
    el("td", { class: "num" }, String(b.succeeded)), el("td", { class: "num" }, String(b.failed)),
    el("td", { class: "num" }, String(b.active)), el("td", { class: "num" }, String(b.problems)))));
}

async function showBatch(batchId) {
  if (state.events) state.events.close();
  const batch = await api("GET", `/api/batches/${batchId}`);
  state.batchRows = new Map();
  state.batchData = new Map();
  const tbody = el("tbody", {});
  batch.rows.forEach((row) => {
    const tr = batchRow(row);
    state.batchRows.set(row.row, tr);
    state.batchData.set(row.row, row);
    tbody.append(tr);
  });
  const retry = el("button", { type: "button", id: "retry-failed", hidden: true,
    onclick: () => retryFailed(batchId) }, "Retry failed rows");
  $("batch-view").replaceChildren(el("h3", {}, `Batch of ${when(batch.createdAt)} by ${batch.createdBy}`),
    el("div", { class: "progress" },
      el("progress", { id: "batch-progress", max: String(batch.totals.rows), value: "0", "aria-label": "Batch progress" }),
      el("div", { id: "batch-count", role: "status" }), el("div", { id: "batch-counts", class: "counts" })),
    retry,
    el("div", { id: "needs-person", role: "region", "aria-label": "Needs a person" }),
    el("table", { "aria-label": "Batch rows" },
      el("thead", {}, el("tr", {}, ["Row", "Store", "State", "Error", "Attempts"].map((h) => el("th", {}, h)))), tbody));
  showTotals(batch.totals);
  showNeedsPerson();
  subscribe(batchId);
}

// The batch's jobs waiting for a person, as one queue: each opens its store, whose panel holds the live view.
function showNeedsPerson() {
  const waiting = [...state.batchData.values()].filter((row) => row.state === "waiting_for_person");
  $("needs-person").replaceChildren(...(waiting.length ? [el("h4", {}, `Needs a person (${waiting.length})`),
    el("ol", {}, waiting.map((row) => el("li", {}, el("button", { type: "button", class: "linklike",
      onclick: () => openStore(row.storeId) }, row.storeName), ` — row ${row.row}, ${row.errorCode || ""}`)))] : []));
}

function batchRow(row) {
  return el("tr", { "data-row": String(row.row) },
    el("td", { class: "num" }, String(row.row)),
    el("td", {}, el("button", { type: "button", class: "linklike", onclick: () => openStore(row.storeId) }, row.storeName),
      el("div", { class: "hint" }, row.storeId)),
    el("td", {}, badge(row.state)), el("td", {}, row.errorCode || ""), el("td", { class: "num" }, String(row.attempts)));
}

function showTotals(t) {
  $("batch-progress").max = t.rows;
  $("batch-progress").value = t.succeeded;
  $("batch-count").textContent = `${t.succeeded} of ${t.rows} succeeded`;
  $("batch-counts").textContent = `running ${t.running} · queued ${t.queued} · needs a person `
    + `${t.waiting_for_person} · failed ${t.failed} · needs attention ${t.needs_attention}`;
  $("retry-failed").hidden = t.failed + t.needs_attention === 0 || t.running + t.queued + t.waiting_for_person > 0;
}

function subscribe(batchId) {
  const events = new EventSource(`/api/batches/${batchId}/events`);
  state.events = events;
  events.addEventListener("progress", (event) => {
    const update = JSON.parse(event.data);
    update.rows.forEach((row) => {
      const fresh = batchRow(row);
      state.batchRows.get(row.row)?.replaceWith(fresh);
      state.batchRows.set(row.row, fresh);
      state.batchData.set(row.row, row);
    });
    showTotals(update.totals);
    showNeedsPerson();
  });
  events.addEventListener("done", () => {
    events.close();
    loadBatchList();
  });
  events.addEventListener("expired", () => { events.close(); showSignIn(); });
  events.onerror = () => events.readyState === EventSource.CLOSED && events.close();
}

async function retryFailed(batchId) {
  await api("POST", `/api/batches/${batchId}/retry-failed`, {});
  showBatch(batchId);
}

// ---- audit
async function loadAudit() {
  const { entries } = await api("GET", "/api/audit");
  $("audit-rows").replaceChildren(...entries.map((e) => el("tr", {},
    el("td", {}, when(e.at)), el("td", {}, e.actor), el("td", {}, e.action), el("td", {}, e.target),
    el("td", {}, auditDetail(e.detail)))));
}

// what the entry names besides its target (an email, a key's name, a batch's counts); the status is always 2xx
const auditDetail = (detail) => Object.entries(detail || {}).filter(([k, v]) => k !== "status" && v !== null)
  .map(([k, v]) => `${k}: ${v}`).join(", ");

// ---- admin
async function loadAdmin() {
  const [logins, accounts, keys] = await Promise.all([api("GET", "/api/cj-logins"), api("GET", "/api/accounts"),
    api("GET", "/api/api-keys")]);
  $("login-list").replaceChildren(...logins.cjLogins.map(loginItem));
  $("account-list").replaceChildren(...accounts.accounts.map(accountItem));
  $("key-list").replaceChildren(...keys.apiKeys.map((k) => el("li", {},
    `${k.name} (${k.role}) ${k.key}${k.revoked ? " — revoked" : ""} `,
    k.revoked ? "" : el("button", { type: "button", class: "secondary", onclick: () => adminDo("DELETE",
      `/api/api-keys/${k.id}`) }, "Revoke"))));
}

// disable or enable, sign out everywhere, set a new password (which signs it out too)
function accountItem(a) {
  const toggle = el("button", { type: "button", class: "secondary", onclick: () => adminDo("POST",
    `/api/accounts/${a.id}/${a.disabled ? "enable" : "disable"}`, {}) }, a.disabled ? "Enable" : "Disable");
  const signOut = el("button", { type: "button", class: "secondary", onclick: () => adminDo("DELETE",
    `/api/accounts/${a.id}/sessions`) }, "End sessions");
  const password = el("form", { class: "account-password", onsubmit: (e) => {
    e.preventDefault();
    adminDo("POST", `/api/accounts/${a.id}/password`, formJson(e.target), e.target);
  } }, el("input", { type: "password", name: "password", autocomplete: "new-password", minlength: 12, required: true,
    placeholder: "new password", "aria-label": `New password for ${a.email}` }),
  el("button", { type: "submit", class: "secondary" }, "Set password"));
  return el("li", { "data-account": a.id }, `${a.email} (${a.role})${a.disabled ? " — disabled" : ""} `, toggle, " ",
    signOut, password);
}

function loginItem(l) {
  const check = l.stores > 0
    ? el("button", { type: "button", class: "secondary", onclick: () => checkPortal(l.id) }, "Check portal") : "";
  const last = l.lastCheck ? el("button", { type: "button", class: "linklike", onclick: () => showCheck(l.lastCheck.id) },
    "last check ", badge(l.lastCheck.state)) : "";
  return el("li", { "data-login": l.id }, `${l.email} — ${l.stores} stores${l.hasTotp ? ", one-time codes" : ""} `, check,
    el("div", { class: "hint" }, l.id, " ", last));
}

// ---- portal checks: walk CJ's pages with a login (up to, not including, REGISTER) and show what was found
async function checkPortal(loginId) {
  const queued = await adminDo("POST", `/api/cj-logins/${loginId}/portal-checks`, {});
  if (queued) showCheck(queued.checkId);
}

async function showCheck(checkId) {
  state.check = checkId;
  for (;;) {
    const check = await api("GET", `/api/portal-checks/${checkId}`);
    if (state.check !== checkId) return;
    renderCheck(check);
    if (!["queued", "running"].includes(check.state) || $("detail").hidden) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!$("admin").hidden) loadAdmin();
}

function renderCheck(check) {
  $("detail-title").textContent = `Portal check of ${check.login.email}`;
  const facts = [["State", badge(check.state)], ["Store", `${check.storeId} (CJ company ${check.cjCompanyId})`],
    ["Register", check.register ? "yes: a real token" : "no"], ["Step", check.steps.length ? check.steps.at(-1).name : ""]];
  if (check.error) facts.push(["Error", el("span", { "data-field": "error" }, el("strong", {}, check.error.code), " — ",
    check.error.message || "")]);
  const body = [el("dl", {}, facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]))];
  if (check.report) {
    body.push(el("table", { "aria-label": "Portal check elements" },
      el("thead", {}, el("tr", {}, ["Step", "Element", "", "Candidate", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, check.report.elements.map(checkRow))));
  }
  $("detail-body").replaceChildren(...body);
  $("detail-retry").hidden = true;
  $("detail-cancel").hidden = true;
  $("detail").hidden = false;
}

function checkRow(e) {
  return el("tr", {},
    el("td", {}, e.step), el("td", {}, e.element),
    el("td", {}, el("span", { class: "state " + (e.found ? "succeeded" : "failed") }, e.found ? "found" : "missing")),
    el("td", {}, e.found ? e.matched || "" : "tried: " + (e.tried || []).join(" | ")),
    el("td", {}, e.screenshot ? el("a", { href: e.screenshot, target: "_blank", rel: "noopener" }, "screenshot") : ""));
}

async function adminDo(method, path, body, form) {
  $("admin-error").textContent = "";
  try {
    const result = await api(method, path, body);
    if (form) form.reset();
    await loadAdmin();
    return result;
  } catch (e) {
    const fields = (e.body?.error?.fields || []).map((f) => ` ${f.field} ${f.problem}.`).join("");
    $("admin-error").textContent = e.message + fields;
    return null;
  }
}

function formJson(form) {
  const json = {};
  new FormData(form).forEach((v, k) => { if (v !== "") json[k] = v; });
  return json;
}

$("login-form").addEventListener("submit", (e) => {
  e.preventDefault();
  adminDo("POST", "/api/cj-logins", formJson(e.target), e.target);
});
$("account-form").addEventListener("submit", (e) => {
  e.preventDefault();
  adminDo("POST", "/api/accounts", formJson(e.target), e.target);
});
$("key-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const created = await adminDo("POST", "/api/api-keys", formJson(e.target), e.target);
  $("new-key").textContent = created ? `New key "${created.name}" — copy it now, it is shown only once: ${created.key}` : "";
});

start();
