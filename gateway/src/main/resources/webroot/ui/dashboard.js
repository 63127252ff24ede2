// The live dashboard: subscribes over /ws like any client and polls /api/stats and /api/cluster.
"use strict";

const MAX_POINTS = 150;
const MAX_LOG = 60;
const $ = id => document.getElementById(id);

const series = new Map();          // name -> {points, card, canvas, caption, anomalies}
const detectedCauses = new Set();  // causation ids of detected anomalies whose scored point has not arrived yet
const recentShoppers = [];
let shopper = null;                // the shopper whose recommendations are shown
let shopperChosenByUser = false;
let socket = null;
let reconnectDelay = 1000;
let previousStats = null;
let anomalyCount = 0;
let gatewayUp = false;
// Per subscription, the cursor of the last event received (durable mode only): after a reconnect each subscription
// resumes from it, so nothing pushed while the page was cut off is missing from its charts.
const cursors = new Map();

// --- connection -----------------------------------------------------------------------------------------------

// For a gateway that requires a credential: ?token=<JWT> on the page's address. Browsers cannot set headers on a
// WebSocket, so the token travels as the subprotocol "bearer.<token>" (unlike a query parameter it stays out of
// proxy logs), and as a bearer header on the JSON endpoints.
const token = new URLSearchParams(location.search).get("token");
const refusals = new Set();

function api(path) {
  return fetch(path, token ? { headers: { Authorization: "Bearer " + token } } : {});
}

/** The JSON of an answer; null, after saying so once, when the gateway refuses the page's credential. */
function jsonOf(response, what) {
  if (response.status === 401 || response.status === 403) {
    if (!refusals.has(what)) {
      refusals.add(what);
      log("error", what + " refused (HTTP " + response.status + "): "
        + (token ? "the token lacks the scope it needs" : "add ?token=<JWT> to the page's address"));
    }
    return null;
  }
  return response.ok ? response.json() : Promise.reject(new Error("HTTP " + response.status));
}

const patterns = {
  scored: { type: ["reflex.anomaly.scored"] },
  detected: { type: ["reflex.anomaly.detected"] },
  recommendations: { type: ["reflex.recommendation"] },
  alerts: { type: ["ops.alert", "iot.overheating"] },
};

function connect() {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  setConnection("connecting", "connecting…");
  socket = token ? new WebSocket(url, ["reflex.v1", "bearer." + token]) : new WebSocket(url);
  socket.onopen = () => {
    reconnectDelay = 1000;
    Object.keys(patterns).forEach(sub => subscribe(sub, patterns[sub]));
    setConnection("live", "live");
  };
  socket.onmessage = message => received(JSON.parse(message.data));
  socket.onclose = () => {
    setConnection("offline", "gateway unreachable");
    const delay = reconnectDelay;
    reconnectDelay = Math.min(reconnectDelay * 2, 5000);
    $("retry").textContent = "next try in " + Math.round(delay / 1000) + " s";
    setTimeout(connect, delay);
  };
}

function subscribe(sub, pattern) {
  const frame = { op: "subscribe", ref: sub, sub, pattern };
  if (cursors.has(sub)) frame.from = cursors.get(sub);
  socket.send(JSON.stringify(frame));
}

function setConnection(state, text) {
  const pill = $("connection");
  pill.className = "pill " + state;
  pill.dataset.state = state;
  pill.textContent = text;
  gatewayUp = state === "live";
  $("offline").hidden = state !== "offline";
}

function received(frame) {
  if (frame.op === "error" && frame.error.code === "cursor_expired" && cursors.has(frame.ref)) {
    // Away longer than the output log keeps outputs: take what is left.
    log("error", "away too long: " + frame.error.message);
    cursors.set(frame.ref, "earliest");
    subscribe(frame.ref, patterns[frame.ref]);
  } else if (frame.op === "error" && frame.error.code === "unavailable" && cursors.has(frame.ref)) {
    // The gateway could not read the output log just now: renew a moment later, from the same cursor.
    const sent = socket;
    setTimeout(() => {
      if (socket === sent && socket.readyState === WebSocket.OPEN) subscribe(frame.ref, patterns[frame.ref]);
    }, 1000);
  } else if (frame.op === "error") {
    log("error", "gateway error " + frame.error.code + ": " + frame.error.message);
  } else if (frame.op === "subscribed") {
    if (frame.cursor && !cursors.has(frame.sub)) cursors.set(frame.sub, frame.cursor);
  } else if (frame.op === "dropped") {
    log("error", frame.count + " pushes dropped: this page read too slowly");
  } else if (frame.op === "event") {
    if (frame.cursor) cursors.set(frame.sub, frame.cursor);
    const event = frame.event;
    if (frame.sub === "scored") scored(event);
    else if (frame.sub === "detected") detected(event);
    else if (frame.sub === "recommendations") recommendation(event);
    else if (frame.sub === "alerts") log("alert", event.type + " " + (event.subject || "") + ": "
      + (event.data && (event.data.message || event.data.reason) || JSON.stringify(event.data)));
  }
}

// --- series -----------------------------------------------------------------------------------------------------

function seriesFor(name) {
  let s = series.get(name);
  if (s) return s;
  const grid = $("series");
  if (series.size === 0) grid.innerHTML = "";
  const card = document.createElement("div");
  card.className = "series";
  card.dataset.series = name;
  card.dataset.anomalies = "0";
  card.innerHTML = "<div class='title'><b></b><span></span></div><canvas></canvas>";
  card.querySelector("b").textContent = name;
  // Keep the cards in name order so a series stays in its place.
  const after = [...grid.children].find(c => c.dataset.series > name);
  grid.insertBefore(card, after || null);
  s = { points: [], card, canvas: card.querySelector("canvas"), caption: card.querySelector("span"), anomalies: 0 };
  series.set(name, s);
  return s;
}

function scored(event) {
  const d = event.data;
  const s = seriesFor(d.series || event.subject);
  const expected = d.expected || {};
  const point = { cause: event.causationid, value: d.value, score: d.score, low: expected.low, high: expected.high,
    detected: detectedCauses.delete(event.causationid) };
  s.points.push(point);
  if (s.points.length > MAX_POINTS) s.points.shift();
  s.canvas.dataset.points = s.points.length;
  s.caption.textContent = "value " + fmt(d.value) + " · score " + fmt(d.score);
  s.dirty = true;
}

function detected(event) {
  const d = event.data;
  const s = seriesFor(d.series || event.subject);
  const point = s.points.find(p => p.cause === event.causationid);
  if (point) point.detected = true; else detectedCauses.add(event.causationid);
  s.anomalies++;
  s.card.dataset.anomalies = s.anomalies;
  s.card.classList.add("alerted");
  s.dirty = true;
  anomalyCount++;
  $("anomaly-count").textContent = anomalyCount;
  log("alert", "anomaly in " + (d.series || event.subject) + ": value " + fmt(d.value) + ", score " + fmt(d.score)
    + " (" + d.reason + ")");
}

function redraw() {
  for (const s of series.values()) {
    if (s.dirty) { drawSeries(s.canvas, s.points); s.dirty = false; }
  }
}

// --- recommendations ----------------------------------------------------------------------------------------------

function recommendation(event) {
  const user = event.data.user || event.subject;
  if (!recentShoppers.includes(user)) {
    recentShoppers.unshift(user);
    if (recentShoppers.length > 8) recentShoppers.pop();
    renderShopperChips();
  }
  if (!shopper && !shopperChosenByUser) show(user);
  if (user === shopper) renderRecommendations(event.data.items || [], "pushed " + new Date().toLocaleTimeString());
}

function renderShopperChips() {
  const chips = $("recent-shoppers");
  chips.innerHTML = "active now: ";
  for (const user of recentShoppers) {
    const a = document.createElement("a");
    a.textContent = user;
    a.onclick = () => { shopperChosenByUser = true; show(user); };
    chips.appendChild(a);
  }
}

function show(user) {
  shopper = user;
  $("shopper").value = user;
  api("/api/recommendations/" + encodeURIComponent(user) + "?n=5")
    .then(r => jsonOf(r, "recommendations"))
    .then(found => { if (found && shopper === user) renderRecommendations(found.items || [], "looked up " + new Date().toLocaleTimeString()); })
    .catch(e => log("error", "recommendation lookup for " + user + " failed: " + e.message));
}

function renderRecommendations(items, when) {
  const list = $("recommendations");
  list.innerHTML = "";
  if (items.length === 0) {
    list.innerHTML = "<li class='empty'>No recommendations for this shopper yet.</li>";
  }
  const top = Math.max(...items.map(i => i.score), 1e-9);
  for (const item of items.slice(0, 5)) {
    const li = document.createElement("li");
    li.className = "item fresh";
    li.textContent = item.id + " · " + fmt(item.score);
    const bar = document.createElement("span");
    bar.className = "bar";
    bar.style.width = Math.round(80 * item.score / top) + "px";
    li.appendChild(bar);
    list.appendChild(li);
  }
  $("rec-updated").textContent = "for " + shopper + ", " + when;
}

$("shopper-form").onsubmit = e => {
  e.preventDefault();
  const user = $("shopper").value.trim();
  if (user) { shopperChosenByUser = true; show(user); }
};

// --- stats and cluster ----------------------------------------------------------------------------------------

function pollStats() {
  api("/api/stats").then(r => jsonOf(r, "stats")).then(stats => {
    if (!stats) return;
    if (previousStats) {
      const seconds = Math.max((stats.time - previousStats.time) / 1000, 0.001);
      $("rate-in").textContent = fmtRate((stats.ingested.accepted - previousStats.ingested.accepted) / seconds);
      $("rate-out").textContent = fmtRate((stats.outputs - previousStats.outputs) / seconds);
      const rejected = stats.ingested.rejected - previousStats.ingested.rejected;
      if (rejected > 0) log("error", rejected + " events rejected by ingestion (see the publishers' acks for reasons)");
      const dropped = stats.pushesDropped - previousStats.pushesDropped;
      if (dropped > 0) log("error", dropped + " pushes dropped to slow subscribers");
      renderRules(stats.ruleHits, previousStats.ruleHits, seconds, stats.ruleStats || {});
    }
    renderAck(stats.ackLatency);
    previousStats = stats;
    if (!gatewayUp && socket && socket.readyState === WebSocket.OPEN) setConnection("live", "live");
  }).catch(() => setConnection("offline", "gateway unreachable"));
}

function renderAck(latency) {
  if (!latency || latency.count === 0) {
    $("ack").textContent = "–";
    $("ack-hint").textContent = "no publishes through this gateway yet (the demo feeds ingestion directly; try reflex send)";
    return;
  }
  $("ack").textContent = fmt(latency.p50Ms) + " / " + fmt(latency.p99Ms);
  $("ack-hint").textContent = "p50 / p99 ms of " + latency.count + " publishes through this gateway";
}

function renderRules(hits, previous, seconds, figures) {
  const names = Object.keys(hits).sort();
  if (names.length === 0) return;
  const top = Math.max(...names.map(n => hits[n]), 1);
  const box = $("rules");
  box.innerHTML = "";
  for (const name of names) {
    const row = document.createElement("div");
    row.className = "rule";
    row.dataset.rule = name;
    const rate = (hits[name] - (previous[name] || 0)) / seconds;
    row.innerHTML = "<span></span><div class='track'><div class='fill'></div></div><span class='n'></span>"
      + "<span class='links'></span><span class='figures'></span>";
    row.children[0].textContent = name;
    row.querySelector(".fill").style.width = (100 * hits[name] / top) + "%";
    row.children[2].textContent = hits[name] + " (" + fmtRate(rate) + "/s)";
    row.querySelector(".figures").textContent = describeFigures(figures[name]);
    const links = row.querySelector(".links");
    if (name !== "other") links.appendChild(link("explain", () => showExplain(name)));
    links.appendChild(link("metrics", () => showMetrics(name)));
    box.appendChild(row);
  }
}

function describeFigures(f) {
  if (!f) return "";
  const parts = [fmt(f.costMicros) + " µs/match (sampled)", fmt(f.derived) + " derived"];
  if (f.partials || f.stateBytes) parts.push(fmt(f.partials) + " partial matches, " + fmt(f.stateBytes) + " B state");
  return parts.join(" · ");
}

function link(text, onClick) {
  const a = document.createElement("a");
  a.textContent = text;
  a.className = text;
  a.onclick = onClick;
  return a;
}

function showDetail(title, explain) {
  $("rule-detail").hidden = false;
  $("rule-explain").hidden = !explain;
  $("rule-detail-title").textContent = title;
  $("rule-output").textContent = "";
}

/** Explain: why the rule matches an event or not (POST /api/rules/explain), this rule's part of the answer. */
function showExplain(rule) {
  showDetail("Explain " + rule + " for an event", true);
  $("rule-explain-go").onclick = () => {
    let event;
    try { event = JSON.parse($("rule-event").value); } catch (e) { $("rule-output").textContent = "not JSON: " + e.message; return; }
    fetch("/api/rules/explain", { method: "POST", body: JSON.stringify({ event }),
      headers: Object.assign({ "content-type": "application/json" }, token ? { Authorization: "Bearer " + token } : {}) })
      .then(r => jsonOf(r, "explain")).then(answer => {
        if (!answer) return;
        const mine = (answer.rules || []).find(r => r.rule === rule);
        $("rule-output").textContent = JSON.stringify(mine || answer, null, 2);
      }).catch(e => { $("rule-output").textContent = "explain failed: " + e.message; });
  };
}

/** Metrics: this rule's lines of /metrics (a rule outside the busiest is counted in rule="other"). */
function showMetrics(rule) {
  showDetail("Metrics of " + rule + " (from /metrics)", false);
  api("/metrics").then(r => r.text()).then(text => {
    const lines = text.split("\n").filter(l => l.includes('rule="' + rule + '"'));
    $("rule-output").textContent = lines.length ? lines.join("\n") : "no series for rule=\"" + rule + "\" yet: outside the busiest rules it is part of rule=\"other\"";
  });
}

function pollCluster() {
  api("/api/cluster").then(r => jsonOf(r, "cluster")).then(cluster => {
    if (!cluster) return;
    const rows = $("cluster").tBodies[0];
    rows.innerHTML = "<tr><th>" + (cluster.clustered ? "member" : "node (standalone, one JVM)")
      + "</th><th>services</th></tr>";
    for (const member of cluster.members) {
      const row = rows.insertRow();
      row.insertCell().textContent = member.node + (member.self ? " (this gateway)" : "");
      const cell = row.insertCell();
      for (const service of member.services) {
        const tag = document.createElement("span");
        tag.className = "svc";
        tag.textContent = service;
        cell.appendChild(tag);
      }
    }
  }).catch(() => { });
}

// --- log and formatting -------------------------------------------------------------------------------------

function log(kind, text) {
  const list = $("log");
  const empty = list.querySelector(".empty");
  if (empty) empty.remove();
  const li = document.createElement("li");
  li.className = kind;
  li.innerHTML = "<time></time><span></span>";
  li.children[0].textContent = new Date().toLocaleTimeString();
  li.children[1].textContent = text;
  list.insertBefore(li, list.firstChild);
  while (list.children.length > MAX_LOG) list.lastChild.remove();
}

function fmt(n) {
  if (n == null || Number.isNaN(n)) return "–";
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function fmtRate(n) {
  return n >= 100 ? Math.round(n).toString() : n.toFixed(1);
}

connect();
pollStats();
pollCluster();
setInterval(pollStats, 1000);
setInterval(pollCluster, 5000);
setInterval(redraw, 250);
