// The page's script (docs/web.md). User text only ever goes in through textContent, never innerHTML.
"use strict";
const $ = id => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const post = (path, body) => fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
let job = null;

async function loadList() {
  const list = await (await fetch("/api/scenarios")).json();
  $("scenarios").replaceChildren(...list.scenarios.map(s => {
    const b = el("button", `${s.name} (${s.source}${s.valid ? "" : ", invalid"})`);
    b.title = s.title || "";
    b.onclick = async () => {
      const one = await (await fetch(`/api/scenarios/${encodeURIComponent(s.name)}`)).json();
      $("editor").value = one.yaml; $("current").textContent = s.name;
      if (s.source === "user") $("save-name").value = s.name;
      edited();
    };
    return el("li").appendChild(b).parentNode;
  }));
}

let timer = 0;
function edited() { clearTimeout(timer); timer = setTimeout(validate, 300); }

async function validate() {
  const yaml = $("editor").value;
  const answer = await (await post("/api/validate", { yaml })).json();
  const items = (answer.diagnostics || []).map(d => el("li", `${d.line ?? "-"}:${d.column ?? "-"} ${d.severity}: ${d.message}`, d.severity));
  if (answer.error) items.push(el("li", answer.error, "error"));
  if (answer.valid) items.unshift(el("li", "valid", "ok"));
  $("diagnostics").replaceChildren(...items);
  if (answer.valid) check(yaml); else $("check").replaceChildren(el("p", "fix the errors to see the check"));
}

async function check(yaml) {
  const r = await (await post("/api/check", { yaml })).json();
  if (!r.incentives) { $("check").replaceChildren(el("p", r.error || "no report", "error")); return; }
  $("check").replaceChildren(el("p", r.feasible ? "feasible" : "not feasible", r.feasible ? "ok" : "error"),
    ...r.incentives.map(i => el("div", `phase ${i.phase} ${i.id}: ${i.kind} by ${i.provider}: ${i.feasible ? "feasible" : "NOT feasible"}`, i.feasible ? "ok" : "error")));
}

async function run() {
  $("result").replaceChildren(); $("status").textContent = "";
  const r = await post("/api/simulate", { yaml: $("editor").value, runs: Number($("runs").value) });
  const started = await r.json();
  if (!r.ok) { $("status").textContent = started.error; return; }
  job = started.job; $("cancel").disabled = false; $("run").disabled = true;
  const events = new EventSource(started.events);
  events.addEventListener("progress", e => { const p = JSON.parse(e.data); $("progress").max = p.total; $("progress").value = p.done; $("status").textContent = `${p.done} / ${p.total}`; });
  const end = async e => {
    events.close(); $("cancel").disabled = true; $("run").disabled = false;
    const d = JSON.parse(e.data); $("status").textContent = d.status + (d.error ? `: ${d.error}` : "");
    if (d.status === "done") show((await (await fetch(`/api/jobs/${job}`)).json()).result);
  };
  for (const name of ["done", "failed", "cancelled"]) events.addEventListener(name, end);
}

function show(result) {
  const head = el("tr"); for (const h of ["strategy", "P(complete)", "P(breakdown)", "GDP p50", "household income p50"]) head.appendChild(el("th", h));
  const rows = result.strategies.map(s => {
    const tr = el("tr"); const o = s.outcomes;
    for (const c of [s.name, o.p_complete.toFixed(3), o.p_breakdown.toFixed(3), o.gdp_index?.p50?.toFixed(1), o.household_income_index?.p50?.toFixed(1)]) tr.appendChild(el("td", c ?? "-"));
    return tr;
  });
  $("result").replaceChildren(head, ...rows);
}

$("editor").addEventListener("input", edited);
$("run").onclick = run;
$("cancel").onclick = () => job && fetch(`/api/jobs/${job}`, { method: "DELETE" });
$("save").onclick = async () => {
  const name = $("save-name").value;
  const r = await (await fetch(`/api/scenarios/${encodeURIComponent(name)}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ yaml: $("editor").value }) })).json();
  $("saved").textContent = r.error ? r.error : `saved${r.valid ? "" : " (invalid)"}`;
  loadList();
};
loadList();
