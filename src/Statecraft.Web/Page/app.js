// The page's script (docs/web.md). User text only ever goes in through textContent, never innerHTML,
// and every request goes to this server: the chart libraries too come from /assets.
"use strict";
const $ = id => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; };
const json = body => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const pct = p => typeof p === "number" ? (100 * p).toFixed(1) + "%" : "-";
const num = (x, d = 1) => typeof x === "number" ? x.toFixed(d) : "-";
async function answer(response) { try { return await response.json(); } catch { return { error: `status ${response.status}` }; } }

// ---- views -------------------------------------------------------------------------------------
const views = ["editor", "sensitivity", "history", "data"];
function route() {
  const view = views.includes(location.hash.slice(1)) ? location.hash.slice(1) : "editor";
  for (const v of views) { $(`view-${v}`).hidden = v !== view; $(`tab-${v}`).classList.toggle("active", v === view); }
  if (view === "history") loadRuns();
  if (view === "sensitivity") $("sens-current").textContent = $("current").textContent;
  if (view === "data") loadData();
}
window.addEventListener("hashchange", route);

// ---- scenario library ----------------------------------------------------------------------------
const chosen = new Set();
async function loadLibrary(open) {
  const list = await answer(await fetch("/api/scenarios"));
  const row = s => {
    const li = el("li", undefined, "scenario");
    const tick = el("input"); tick.type = "checkbox"; tick.checked = chosen.has(s.name); tick.title = "include in a comparison";
    tick.dataset.name = s.name;
    tick.onchange = () => { if (tick.checked) chosen.add(s.name); else chosen.delete(s.name); runLabel(); };
    const b = el("button", s.name + (s.valid ? "" : " (invalid)"), s.valid ? "" : "error");
    b.title = s.title || ""; b.dataset.scenario = s.name;
    b.onclick = () => openScenario(s.name, s.source);
    li.append(tick, b);
    return li;
  };
  const scenarios = list.scenarios || [];
  $("shipped").replaceChildren(...scenarios.filter(s => s.source !== "user").map(row));
  const mine = scenarios.filter(s => s.source === "user");
  $("user").replaceChildren(...(mine.length ? mine.map(row) : [el("li", "none saved yet", "hint")]));
  $("user-folder").textContent = list.folder ? `Saved in ${list.folder}` : "";
  for (const name of [...chosen]) if (!scenarios.some(s => s.name === name)) chosen.delete(name);
  runLabel();
  if (open) {
    const first = scenarios.find(s => s.name === "maximum-pressure") || scenarios.find(s => s.source !== "user") || scenarios[0];
    if (first && !$("editor").value) openScenario(first.name, first.source);
  }
}

async function openScenario(name, source) {
  const one = await answer(await fetch(`/api/scenarios/${encodeURIComponent(name)}`));
  if (one.error) { $("validity").textContent = one.error; return; }
  $("editor").value = one.yaml;
  $("current").textContent = `${name} (${source})`;
  $("save-name").value = source === "user" ? name : `my-${name}`.slice(0, 64);
  $("editor").scrollTop = 0;
  edited(true);
}

// ---- editor: gutter, validation as you type, check -------------------------------------------
const editor = $("editor");
let timer = 0, asked = 0, marks = new Map();

function gutter() {
  const lines = editor.value.split("\n").length;
  const g = $("gutter");
  while (g.childElementCount < lines) { const d = el("div", g.childElementCount + 1); d.dataset.line = String(g.childElementCount + 1); g.appendChild(d); }
  while (g.childElementCount > lines) g.lastChild.remove();
  for (const d of g.children) {
    const m = marks.get(Number(d.dataset.line));
    d.className = m ? m.severity : "";
    d.title = m ? m.messages.join("\n") : "";
  }
  g.scrollTop = editor.scrollTop;
}
editor.addEventListener("scroll", () => { $("gutter").scrollTop = editor.scrollTop; });

// Tab indents by two spaces, as YAML wants, instead of leaving the editor; Escape then Tab still leaves it.
let escaped = false;
editor.addEventListener("keydown", e => {
  if (e.key === "Escape") { escaped = true; return; }
  if (e.key === "Tab" && !e.shiftKey && !escaped) {
    e.preventDefault();
    editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    edited();
  }
  escaped = false;
});

// Every edit makes answers still on their way stale at once, not only when its own validation starts: an outline
// of the text before a form edit would otherwise replace that field's place with its old length.
function edited(now) { asked++; gutter(); clearTimeout(timer); timer = setTimeout(validate, now === true ? 0 : 300); }
editor.addEventListener("input", edited);

async function validate() {
  const yaml = editor.value, mine = ++asked;
  // The form's outline is asked for with the same text, so its fields and these messages describe one version.
  const [r, shape] = await Promise.all([
    fetch("/api/validate", json({ yaml })).then(answer),
    fetch("/api/outline", json({ yaml })).then(answer),
  ]);
  if (mine !== asked) return; // a newer text is being checked; this answer is stale
  const diagnostics = r.diagnostics || [];
  renderForm(shape, diagnostics);
  marks = new Map();
  for (const d of diagnostics) {
    if (!d.line) continue;
    const m = marks.get(d.line) || { severity: "warning", messages: [] };
    if (d.severity === "error") m.severity = "error";
    m.messages.push(d.message); marks.set(d.line, m);
  }
  gutter();
  const items = diagnostics.map(d => {
    const li = el("li", `${d.line ?? "-"}:${d.column ?? "-"} ${d.severity}: ${d.message}`, d.severity);
    if (d.line) {
      li.dataset.line = String(d.line); li.title = "go to the line"; li.tabIndex = 0;
      li.onclick = () => goTo(d.line, d.column || 1);
      li.onkeydown = e => { if (e.key === "Enter") goTo(d.line, d.column || 1); };
    }
    return li;
  });
  $("diagnostics").replaceChildren(...items);
  const errors = diagnostics.filter(d => d.severity === "error").length;
  $("validity").textContent = r.error ? r.error : r.valid ? (diagnostics.length ? `valid, ${diagnostics.length} warning(s)` : "valid") : `${errors} error(s): click one to go to its line`;
  $("validity").className = r.valid ? "ok" : "error";
  if (r.valid) check(yaml, mine); else $("check").replaceChildren(el("p", "Fix the errors to see the feasibility check.", "hint"));
}

function offsetOf(line, column) {
  const lines = editor.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  return offset + Math.min(column - 1, (lines[line - 1] || "").length);
}

function goTo(line, column) {
  const offset = offsetOf(line, column);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  const height = parseFloat(getComputedStyle(editor).lineHeight) || 18;
  editor.scrollTop = Math.max(0, (line - 6) * height);
}

// ---- form: the outline's fields, each patched into the text at its place ---------------------
// Rows are kept while the outline has the same fields, so that a field being typed in keeps its focus.
let formShape = "", formRows = new Map();

// "steps[1].verification" reads "step 2 verification"; the step's own name is just "step 2".
function fieldLabel(path) {
  const singular = { steps: "step", conditions: "condition", incentives: "incentive" };
  return path.replace(/^roadmap\.phases\[\d+\]\./, "")
    .replace(/^(steps|conditions|incentives)\[(\d+)\]/, (_, list, i) => `${singular[list]} ${Number(i) + 1}`)
    .replace(/\.step$/, "").replace(/\./g, " ");
}

function renderForm(shape, diagnostics) {
  const box = $("form");
  if (!shape || shape.error || !shape.parsed) {
    const where = shape?.diagnostics?.[0];
    box.replaceChildren(el("p", shape?.error || `The text is not YAML${where ? ` (line ${where.line}: ${where.message})` : ""}; fix it in the editor to use the form.`, "error"));
    formShape = ""; formRows = new Map();
    return;
  }
  const fields = shape.fields || [];
  const key = fields.map(f => `${f.path}|${f.choices ? "choice" : "text"}`).join(",");
  if (key !== formShape) {
    formShape = key; formRows = new Map();
    const phases = new Map();
    for (const f of fields) {
      const n = Number(/^roadmap\.phases\[(\d+)\]/.exec(f.path)[1]);
      if (!phases.has(n)) { const set = el("fieldset"); set.appendChild(el("legend", `Phase ${n + 1}`)); phases.set(n, set); }
      const row = el("div", undefined, "form-field"); row.dataset.path = f.path;
      const control = f.choices ? el("select") : el("input");
      control.setAttribute("aria-label", `phase ${n + 1} ${fieldLabel(f.path)}`);
      const label = el("span", fieldLabel(f.path), "field-label");
      const note = el("span", "", "field-message");
      row.append(label, control, note);
      phases.get(n).appendChild(row);
      const entry = { row, control, note, field: f };
      control.addEventListener(f.choices ? "change" : "input", () => patch(entry, control.value, Boolean(f.choices)));
      formRows.set(f.path, entry);
    }
    box.replaceChildren(...(phases.size ? phases.values() : [el("p", "This text has no roadmap phases to edit here yet.", "hint")]));
  }
  for (const f of fields) {
    const entry = formRows.get(f.path);
    entry.field = f;
    if (document.activeElement !== entry.control) {
      if (f.choices) {
        // A value that is not one of the choices is still shown, marked, so the select says what the text says.
        const options = f.choices.map(c => el("option", c));
        if (!f.choices.includes(f.value)) options.unshift(el("option", f.value, "error"));
        for (const o of options) o.value = o.textContent;
        entry.control.replaceChildren(...options);
      }
      entry.control.value = f.value;
    }
    const mine = diagnostics.filter(d => d.line === f.line && d.column >= f.column && d.column < f.column + Math.max(f.length, 1));
    entry.note.textContent = mine.map(d => d.message).join("; ");
    entry.note.className = "field-message " + (mine.some(d => d.severity === "error") ? "error" : "warning");
    entry.row.classList.toggle("error", mine.some(d => d.severity === "error"));
    entry.row.classList.toggle("warning", mine.length > 0 && !mine.some(d => d.severity === "error"));
  }
}

// Replaces exactly the field's characters, quoting as the text already quoted it, then validates as typing does.
function patch(entry, value, chosen) {
  const f = entry.field;
  const written = f.style === "double_quoted" ? JSON.stringify(value) : f.style === "single_quoted" ? `'${value.replace(/'/g, "''")}'` : value;
  const start = offsetOf(f.line, f.column);
  editor.setRangeText(written, start, start + f.length, "preserve");
  const delta = written.length - f.length;
  // Later fields on the same line (a flow list of conditions) move with the text until the next outline arrives.
  for (const other of formRows.values()) if (other.field !== f && other.field.line === f.line && other.field.column > f.column) other.field.column += delta;
  f.length = written.length; f.value = value;
  edited(chosen ? true : undefined);
}

async function check(yaml, mine) {
  const r = await answer(await fetch("/api/check", json({ yaml })));
  if (mine !== asked) return;
  if (!r.incentives) { $("check").replaceChildren(el("p", r.error || "no report", "error")); return; }
  const table = el("table");
  const head = el("tr"); for (const h of ["phase", "incentive", "by", "feasible"]) head.appendChild(el("th", h));
  table.appendChild(head);
  for (const i of r.incentives) {
    const tr = el("tr");
    tr.append(el("td", i.phase), el("td", `${i.id}: ${i.kind}`), el("td", i.provider), el("td", i.feasible ? "yes" : "no", i.feasible ? "ok" : "error"));
    table.appendChild(tr);
  }
  $("check").replaceChildren(el("p", r.feasible ? "Every incentive is feasible under the sanctions in force." : "Some incentive is not feasible under the sanctions in force.", r.feasible ? "ok" : "error"), table);
}

$("save").onclick = async () => {
  const name = $("save-name").value.trim();
  const r = await answer(await fetch(`/api/scenarios/${encodeURIComponent(name)}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ yaml: editor.value }) }));
  $("saved").textContent = r.error ? r.error : `saved as ${r.name}${r.valid ? "" : " (invalid: it will not run until fixed)"}`;
  $("saved").className = r.error ? "error" : "ok";
  if (!r.error) { $("current").textContent = `${r.name} (user)`; loadLibrary(false); }
};

// ---- worlds: the beliefs every roadmap of a run is played in -------------------------------------
// One choice for the page: the Roadmap and Sensitivity tabs show the same selector, kept in step.
let worlds = [];
const worldSelectors = ["world", "sens-world"];
async function loadWorlds() {
  const r = await answer(await fetch("/api/worlds"));
  worlds = r.worlds || [];
  for (const id of worldSelectors) {
    $(id).replaceChildren(...worlds.map(w => { const o = el("option", w.name + (w.default ? " (default)" : "")); o.value = w.name; o.title = w.title; return o; }));
    $(id).value = r.default || (worlds[0] ? worlds[0].name : "");
  }
  describeWorld();
}
function describeWorld() {
  const w = worlds.find(x => x.name === $("world").value);
  for (const id of worldSelectors) $(`${id}-beliefs`).textContent = w ? `${w.title}. Beliefs: ${w.beliefs}.` : "";
}
for (const id of worldSelectors) $(id).addEventListener("change", e => { for (const other of worldSelectors) $(other).value = e.target.value; describeWorld(); });

// The world a result was played in: a job's (name and title), or a stored run's record.
function worldLine(job, run) {
  if (job && job.world) return `World: ${job.world.name}${job.world.title ? ` (${job.world.title})` : ""}`;
  if (!run) return "";
  if (run.world_record === "embedded") return "World: embedded (each scenario file's own beliefs)";
  if (run.world_record === "recorded") return `World: ${run.worlds.map(w => w.name).join(", ")}`;
  return "World: not recorded (stored before runs kept their world)";
}

// ---- run: simulate the editor, or compare the ticked scenarios ---------------------------------
let job = null;
function runLabel() {
  const compare = chosen.size >= 2;
  $("run").textContent = compare ? `Compare ${chosen.size} scenarios` : "Run";
  $("run-what").textContent = compare
    ? `Compares ${[...chosen].join(", ")} on the same draws; the first is the reference.`
    : chosen.size === 1 ? "Simulates the roadmap in the editor (tick one more scenario to compare)." : "Simulates the roadmap in the editor.";
}

async function run() {
  const body = { runs: Number($("runs").value) };
  if ($("seed").value !== "") body.seed = Number($("seed").value);
  if ($("world").value) body.world = $("world").value;
  const compare = chosen.size >= 2;
  if (compare) body.scenarios = [...chosen].map(name => ({ name })); else body.yaml = editor.value;
  $("status").textContent = "starting"; $("status").className = "";
  const r = await fetch(compare ? "/api/compare" : "/api/simulate", json(body));
  const started = await answer(r);
  if (!r.ok) { $("status").textContent = started.error || `status ${r.status}`; $("status").className = "error"; return; }
  job = started.job; $("cancel").disabled = false; $("run").disabled = true;
  $("progress").value = 0; $("progress").max = body.runs;
  const events = new EventSource(started.events);
  events.addEventListener("progress", e => {
    const p = JSON.parse(e.data);
    $("progress").max = p.total; $("progress").value = p.done;
    $("status").textContent = `${p.status}: ${p.done.toLocaleString("en")} / ${p.total.toLocaleString("en")} trajectories per strategy`;
  });
  const end = async e => {
    events.close(); $("cancel").disabled = true; $("run").disabled = false;
    const d = JSON.parse(e.data);
    $("status").textContent = d.status + (d.error ? `: ${d.error}` : "") + (d.run_id ? ` (stored as run ${d.run_id})` : "");
    $("status").className = d.status === "done" ? "ok" : "error";
    if (d.status !== "done") return;
    const finished = await answer(await fetch(`/api/jobs/${d.job}`));
    await showResult($("results"), finished.result, `/api/jobs/${d.job}/charts`, finished.warning, worldLine(finished), finished.diagnostics);
  };
  for (const name of ["done", "failed", "cancelled"]) events.addEventListener(name, end);
}
$("run").onclick = run;
$("cancel").onclick = () => { if (job) fetch(`/api/jobs/${job}`, { method: "DELETE" }); };

// ---- results: summary table and the report's charts -------------------------------------------
function summary(result) {
  const table = el("table", undefined, "summary");
  const head = el("tr");
  for (const h of ["strategy", "P(complete)", "P(breakdown)", "P(stalled)", "P(cheated)", "GDP p50", "household income p50", "inclusiveness p50 (n)"]) head.appendChild(el("th", h));
  table.appendChild(head);
  // A conditional figure carries the number of trajectories it is over, and reads n/a over none (docs/model.md, "Outcome measures").
  const conditional = (x, d) => x ? `${x.n > 0 ? num(x.p50, d) : "n/a"} (n=${x.n})` : "-";
  for (const s of result.strategies || []) {
    const o = s.outcomes, tr = el("tr");
    tr.appendChild(el("td", s.name));
    for (const c of [pct(o.p_complete), pct(o.p_breakdown), pct(o.p_stalled), pct(o.p_cheated), num(o.gdp_index?.p50), num(o.household_income_index?.p50), conditional(o.inclusiveness, 2)]) tr.appendChild(el("td", c, "num"));
    table.appendChild(tr);
  }
  return table;
}

let libraries = null;
function loadLibraries(list) {
  // vega-embed needs vega and vega-lite first: load them one after another, once.
  libraries ??= list.reduce((before, lib) => before.then(() => new Promise((resolve, reject) => {
    const s = document.createElement("script"); s.src = lib.url; s.onload = resolve; s.onerror = () => reject(new Error(`could not load ${lib.url}`));
    document.head.appendChild(s);
  })), Promise.resolve());
  return libraries;
}

async function showResult(target, result, chartsUrl, warning, world, diagnostics) {
  const charts = el("div", undefined, "charts");
  const settings = result.settings ? `${result.settings.runs.toLocaleString("en")} trajectories per strategy, seed ${result.settings.seed}` : "";
  target.replaceChildren(el("p", world || "", "world"), el("p", settings, "hint"), summary(result), charts);
  if (warning) target.insertBefore(el("p", warning, "warning"), charts);
  for (const d of diagnostics || []) target.insertBefore(el("p", `${d.path}${d.line ? `:${d.line}` : ""}: ${d.severity}: ${d.message}`, d.severity), charts);
  charts.appendChild(el("p", "drawing the charts…", "hint"));
  const r = await fetch(chartsUrl);
  const answerCharts = await answer(r);
  if (!r.ok) { charts.replaceChildren(el("p", answerCharts.error || "no charts", "error")); return; }
  await loadLibraries(answerCharts.libraries);
  charts.replaceChildren();
  if (answerCharts.reproduced === false) charts.appendChild(el("p", "These charts come from re-simulating the stored scenarios, which this version no longer reproduces exactly.", "warning"));
  for (const c of answerCharts.charts) {
    const box = el("div", undefined, "chart"); box.dataset.chart = c.id;
    const holder = el("div");
    box.append(el("h3", c.title), holder);
    charts.appendChild(box);
    await drawChart(holder, c.spec);
  }
}

// A chart that fails says so in its place, so that the others are still drawn.
async function drawChart(holder, spec) {
  try { await window.vegaEmbed(holder, spec, { mode: "vega-lite", renderer: "svg", actions: false }); }
  catch (e) { holder.replaceChildren(el("p", `This chart could not be drawn: ${e}`, "error")); }
}

// ---- sensitivity: the roadmap in the editor, as a background job with progress and cancel ------
let sensJob = null;
function sensOptions() { $("sens-sobol-options").hidden = $("sens-method").value !== "sobol"; }
$("sens-method").addEventListener("change", sensOptions);
sensOptions();

async function runSensitivity() {
  const method = $("sens-method").value;
  const body = { yaml: editor.value, method, runs: Number($("sens-runs").value) };
  if ($("sens-seed").value !== "") body.seed = Number($("sens-seed").value);
  if ($("sens-world").value) body.world = $("sens-world").value;
  if (method === "sobol") Object.assign(body, { samples: Number($("sens-samples").value), inner_runs: Number($("sens-inner").value), top: Number($("sens-top").value) });
  $("sens-status").textContent = "starting"; $("sens-status").className = "";
  const r = await fetch("/api/sensitivity", json(body));
  const started = await answer(r);
  if (!r.ok) { $("sens-status").textContent = started.error || `status ${r.status}`; $("sens-status").className = "error"; return; }
  sensJob = started.job; $("sens-cancel").disabled = false; $("sens-run").disabled = true;
  $("sens-progress").value = 0;
  const events = new EventSource(started.events);
  events.addEventListener("progress", e => {
    const p = JSON.parse(e.data);
    $("sens-progress").max = p.total; $("sens-progress").value = p.done;
    $("sens-status").textContent = `${p.status}${p.stage ? ` (${p.stage})` : ""}: ${p.done.toLocaleString("en")} / ${p.total.toLocaleString("en")} variants and design points`;
  });
  const end = async e => {
    events.close(); $("sens-cancel").disabled = true; $("sens-run").disabled = false;
    const d = JSON.parse(e.data);
    $("sens-status").textContent = d.status + (d.error ? `: ${d.error}` : "");
    $("sens-status").className = d.status === "done" ? "ok" : "error";
    if (d.status !== "done") return;
    const finished = await answer(await fetch(`/api/jobs/${d.job}`));
    await showSensitivity($("sens-results"), finished.result, `/api/jobs/${d.job}/charts`, worldLine(finished));
  };
  for (const name of ["done", "failed", "cancelled"]) events.addEventListener(name, end);
}
$("sens-run").onclick = runSensitivity;
$("sens-cancel").onclick = () => { if (sensJob) fetch(`/api/jobs/${sensJob}`, { method: "DELETE" }); };

async function showSensitivity(target, result, chartsUrl, world) {
  const s = result.settings;
  const sobol = result.sobol ? `; Sobol indices of ${result.sobol.factors.length} factors on ${result.sobol.samples.toLocaleString("en")} design rows, ${result.sobol.inner_runs.toLocaleString("en")} trajectories per point` : "";
  const table = el("table", undefined, "summary");
  const head = el("tr"); for (const h of ["outcome", "base", "95% interval", "widest factor"]) head.appendChild(el("th", h));
  table.appendChild(head);
  for (const o of result.outcomes) {
    const b = result.base[o], tr = el("tr");
    const widest = result.tornado.slice().sort((x, y) => (y.effects[o].span ?? -1) - (x.effects[o].span ?? -1))[0];
    tr.append(el("td", o), el("td", num(b.value, 3), "num"), el("td", `[${num(b.low, 3)}, ${num(b.high, 3)}]`, "num"), el("td", widest ? widest.name : "-"));
    table.appendChild(tr);
  }
  const charts = el("div", undefined, "charts");
  target.replaceChildren(el("p", world || "", "world"), el("p", `${result.scenario.name}: ${result.tornado.length} factors, ${s.runs.toLocaleString("en")} trajectories per variant, seed ${s.seed}${sobol}`, "hint"), table, charts);
  charts.appendChild(el("p", "drawing the charts…", "hint"));
  const r = await fetch(chartsUrl);
  const a = await answer(r);
  if (!r.ok) { charts.replaceChildren(el("p", a.error || "no charts", "error")); return; }
  await loadLibraries(a.libraries);
  charts.replaceChildren();
  for (const c of a.charts) {
    const box = el("div", undefined, "chart"); box.dataset.chart = c.id;
    const holder = el("div");
    box.append(el("h3", c.title), holder);
    charts.appendChild(box);
    await drawChart(holder, c.spec);
  }
}

// ---- history ---------------------------------------------------------------------------------
const ticked = new Set();
async function loadRuns() {
  const r = await answer(await fetch("/api/runs"));
  $("store-path").textContent = r.store ? `Run store: ${r.store}` : (r.error || "");
  const table = $("runs-table");
  const head = el("tr");
  for (const h of ["", "run", "started", "status", "command", "strategies", "world", "runs", "seed", ""]) head.appendChild(el("th", h));
  const rows = (r.runs || []).slice().reverse().map(run => {
    const tr = el("tr"); tr.dataset.run = String(run.id);
    const tick = el("input"); tick.type = "checkbox"; tick.checked = ticked.has(run.id); tick.disabled = run.status !== "complete";
    tick.onchange = () => { if (tick.checked) ticked.add(run.id); else ticked.delete(run.id); $("compare-runs").disabled = ticked.size !== 2; };
    const cell = el("td"); cell.appendChild(tick); tr.appendChild(cell);
    const world = run.world_record === "recorded" ? run.worlds.map(w => w.name).join(", ") : run.world_record === "embedded" ? "embedded" : "not recorded";
    for (const c of [run.id, new Date(run.started).toLocaleString(), run.status, run.command, run.strategies.map(s => s.name).join(", "), world, run.runs.toLocaleString("en"), run.seed]) tr.appendChild(el("td", c));
    const open = el("button", "Open"); open.disabled = run.status !== "complete"; open.onclick = () => openRun(run.id);
    const last = el("td"); last.appendChild(open); tr.appendChild(last);
    return tr;
  });
  table.replaceChildren(head, ...(rows.length ? rows : [el("tr")]));
  if (!rows.length) table.lastChild.appendChild(el("td", "No runs stored yet: run a roadmap first.", "hint"));
  for (const id of [...ticked]) if (!(r.runs || []).some(x => x.id === id)) ticked.delete(id);
  $("compare-runs").disabled = ticked.size !== 2;
}

async function openRun(id) {
  const detail = $("run-detail");
  detail.replaceChildren(el("h2", `Run ${id}`), el("p", "loading…", "hint"));
  const run = await answer(await fetch(`/api/runs/${id}`));
  if (run.error) { detail.replaceChildren(el("p", run.error, "error")); return; }
  const body = el("div");
  detail.replaceChildren(el("h2", `Run ${id}: ${run.command} ${run.arguments}`), el("p", `started ${new Date(run.started).toLocaleString()}, statecraft ${run.tool_version}`, "hint"), body);
  await showResult(body, run.result, `/api/runs/${id}/charts`, undefined, worldLine(null, run));
}

$("compare-runs").onclick = async () => {
  const ids = [...ticked].sort((a, b) => a - b);
  const runs = await Promise.all(ids.map(async id => answer(await fetch(`/api/runs/${id}`))));
  const grid = el("div", undefined, "side-by-side");
  for (const run of runs) {
    const col = el("div");
    if (run.error) col.appendChild(el("p", run.error, "error"));
    else col.append(el("h3", `Run ${run.id}: ${run.command} ${run.arguments}`), el("p", worldLine(null, run), "world"), el("p", `${run.runs.toLocaleString("en")} trajectories, seed ${run.seed}`, "hint"), summary(run.result));
    grid.appendChild(col);
  }
  const charts = el("div", undefined, "charts");
  charts.appendChild(el("p", "drawing the charts…", "hint"));
  $("run-detail").replaceChildren(el("h2", `Runs ${ids.join(" and ")} side by side`), grid, charts);
  await compareCharts(charts, ids);
};

// One row per chart id found in either run, the two runs' versions next to each other: a chart only
// one run has (a comparison's paired differences) gets a note in the other run's place.
async function compareCharts(target, ids) {
  const answers = await Promise.all(ids.map(async id => {
    const r = await fetch(`/api/runs/${id}/charts`);
    const a = await answer(r);
    return r.ok ? a : { error: a.error || "no charts", charts: [] };
  }));
  const drawable = answers.find(a => a.libraries);
  if (drawable) await loadLibraries(drawable.libraries);
  const rows = [];
  for (const a of answers) for (const c of a.charts) if (!rows.some(r => r.id === c.id)) rows.push(c);
  target.replaceChildren();
  for (const [i, a] of answers.entries()) {
    if (a.error) target.appendChild(el("p", `Run ${ids[i]}: ${a.error}`, "error"));
    if (a.reproduced === false) target.appendChild(el("p", `Run ${ids[i]}'s charts come from re-simulating its stored scenarios, which this version no longer reproduces exactly.`, "warning"));
  }
  for (const row of rows) {
    const box = el("div", undefined, "chart"); box.dataset.chart = row.id;
    const pair = el("div", undefined, "chart-pair");
    box.append(el("h3", row.title), pair);
    target.appendChild(box);
    for (const [i, a] of answers.entries()) {
      const cell = el("div", undefined, "chart-cell"); cell.dataset.run = String(ids[i]);
      const holder = el("div");
      cell.append(el("p", `Run ${ids[i]}`, "hint"), holder);
      pair.appendChild(cell);
      const chart = a.charts.find(c => c.id === row.id);
      if (chart) await drawChart(holder, chart.spec);
      else if (!a.error) holder.appendChild(el("p", `Run ${ids[i]} has no such chart.`, "hint"));
    }
  }
}
$("refresh-runs").onclick = loadRuns;

// ---- data and sources ---------------------------------------------------------------------------
let dataset = null;
async function loadData() {
  dataset ??= await answer(await fetch("/api/data"));
  const filter = $("data-filter").value.trim().toLowerCase();
  const list = (dataset.series || []).filter(s => !filter || [s.id, s.title, ...s.observations.map(o => o.source)].some(t => (t || "").toLowerCase().includes(filter)));
  $("data-list").replaceChildren(...list.map(s => {
    const box = el("details", undefined, "series"); box.dataset.series = s.id;
    box.appendChild(el("summary", `${s.title} (${s.id}, ${s.unit}): ${s.observations.length} observation(s)`));
    const table = el("table"); const head = el("tr");
    for (const h of ["period", "value", "low", "high", "confidence", "source", "notes"]) head.appendChild(el("th", h));
    table.appendChild(head);
    for (const o of s.observations) {
      const tr = el("tr");
      for (const c of [o.period, o.value ?? "-", o.low ?? "-", o.high ?? "-", o.confidence, o.source, o.notes ?? ""]) tr.appendChild(el("td", c));
      table.appendChild(tr);
    }
    box.appendChild(table);
    return box;
  }));
}
$("data-filter").addEventListener("input", () => loadData());

route();
loadWorlds();
loadLibrary(true);
