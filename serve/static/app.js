// The glossary page: look-up cards over /v1/lookup, paste-and-lint over /v1/lint. No build step.

const LOADED = new Set(["TG101", "TG102"]);

// The page's texts in the reader's language: the server sends the translations of every _("…")
// below with the page (make catalogs extracts them); {field} is filled in from `fields`.
const MESSAGES = JSON.parse(document.getElementById("ui-messages")?.textContent || "{}");
function _(message, fields = {}) {
  return (MESSAGES[message] || message).replace(/\{(\w+)\}/g, (whole, key) => (key in fields ? String(fields[key]) : whole));
}
const DEPRECATED = new Set(["TG103", "TG104", "TG105"]);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// Severities as the page's language says them (the API's codes stay info, warning, error).
const SEVERITY = { error: _("error"), warning: _("warning"), info: _("info") };

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

// --- look-up -----------------------------------------------------------------------------------

function lookupLink(text, byId = false) {
  const button = el("button", { type: "button", class: "link", text });
  button.addEventListener("click", () => lookUp(text, byId));
  return button;
}

function card(match) {
  const title = el("h3", {}, match.preferred.en || match.id,
    el("span", { class: "badge kind", text: match.kind }),
    match.contested ? el("span", { class: "badge contested", text: _("contested") }) : null);
  // (babel does not extract a _() nested in another one's arguments: the score text comes first)
  const score = match.how === "fuzzy" ? _(", score {score}", { score: match.score }) : "";
  const how = match.how === "id" ? null : el("p", { text: _("Matched “{term}” ({lang}, {status}), {how}.", {
    term: match.matched_term, lang: match.matched_lang, status: match.status_of_query, how: match.how + score }) });
  const rows = match.terms.map((t) => el("tr", {},
    el("td", { text: t.term, lang: t.lang }),
    el("td", { text: t.lang }),
    el("td", { class: `status-${t.status}`, text: t.status }),
    el("td", { text: t.type || "" })));
  const table = el("table", {},
    el("caption", { class: "visually-hidden", text: _("Variants") }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: _("Variant") }), el("th", { scope: "col", text: _("Language") }),
      el("th", { scope: "col", text: _("Status") }), el("th", { scope: "col", text: _("Type") }))),
    el("tbody", {}, ...rows));
  const parts = [title,
    el("p", {}, _("Preferred English form (house style): "), el("strong", { class: "preferred-en", text: match.preferred.en || "—" })),
    how, table];
  if (match.note) parts.push(el("p", { class: "note" }, el("strong", { text: _("Note: ") }), match.note));
  if (match.see_also.length) {
    const list = el("span", {});
    match.see_also.forEach((id, i) => { if (i) list.append(", "); list.append(lookupLink(id, true)); });
    parts.push(el("p", { class: "see-also" }, _("See also: "), list));
  }
  if (match.sources.length) parts.push(el("p", { class: "sources", text: _("Sources: {sources}", { sources: match.sources.join("; ") }) }));
  return el("article", { class: "card", "aria-label": match.preferred.en || match.id }, ...parts);
}

async function lookUp(query, byId = false) {
  const input = document.getElementById("query");
  const status = document.getElementById("lookup-status");
  const results = document.getElementById("lookup-results");
  input.value = query;
  results.replaceChildren();
  status.textContent = _("Looking up…");
  try {
    const answer = await getJSON(`/v1/lookup?${byId ? "id" : "q"}=${encodeURIComponent(query)}`);
    if (!answer.found) {
      status.textContent = _("No term matches “{query}”.", { query: answer.query });
      if (answer.suggestions.length) {
        const list = el("p", {}, _("Did you mean: "));
        answer.suggestions.forEach((s, i) => { if (i) list.append(", "); list.append(lookupLink(s)); });
        results.append(list);
      }
      if (answer.transliteration) {
        results.append(el("p", { text: _("Rule-based English-press spelling: {spelling} (auto-transliterated, unverified)",
          { spelling: answer.transliteration.text }) }));
      }
      return;
    }
    const n = answer.matches.length;
    status.textContent = n === 1 ? _("1 concept found.") : _("{n} candidates found.", { n });
    results.append(...answer.matches.map(card));
  } catch (error) {
    status.textContent = _("Look-up failed: {error}", { error: error.message });
  }
}

// --- lint --------------------------------------------------------------------------------------

function kindOf(code) {
  if (LOADED.has(code)) return "loaded";
  if (DEPRECATED.has(code)) return "deprecated";
  return "other";
}

// Findings count lines and columns in characters (code points), 1-based, end exclusive.
function offsets(chars, finding) {
  const starts = [0];
  chars.forEach((c, i) => { if (c === "\n") starts.push(i + 1); });
  const at = (line, column) => (starts[line - 1] ?? chars.length) + column - 1;
  return [at(finding.line, finding.column), at(finding.end_line, finding.end_column)];
}

function renderLint(text, report) {
  const chars = Array.from(text);
  const highlighted = document.getElementById("lint-highlighted");
  const list = document.getElementById("lint-findings");
  highlighted.replaceChildren();
  list.replaceChildren();
  const spans = report.findings
    .map((f, i) => ({ f, i, range: offsets(chars, f) }))
    .filter((s) => s.range[1] > s.range[0])
    .sort((a, b) => a.range[0] - b.range[0]);
  let pos = 0;
  for (const { f, i, range } of spans) {
    if (range[0] < pos) continue; // overlapping findings: the first one is highlighted
    highlighted.append(chars.slice(pos, range[0]).join(""));
    const mark = el("mark", { class: kindOf(f.code), tabindex: "0", "data-code": f.code,
      "aria-describedby": `finding-${i}`, title: f.note || f.message, text: chars.slice(range[0], range[1]).join("") });
    highlighted.append(mark);
    pos = range[1];
  }
  highlighted.append(chars.slice(pos).join(""));
  report.findings.forEach((f, i) => {
    const item = el("li", { id: `finding-${i}`, class: kindOf(f.code) },
      el("span", { class: "code", text: f.code }), " " + _("{severity}, line {line}: {message}", {
        severity: SEVERITY[f.severity] || f.severity, line: f.line, message: f.message }));
    if (f.note) item.append(el("p", { class: "note", text: f.note }));
    list.append(item);
  });
  document.getElementById("lint-output").hidden = false;
}

async function lint(text, lang) {
  const status = document.getElementById("lint-status");
  status.textContent = _("Checking…");
  try {
    const report = await getJSON("/v1/lint", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, lang }),
    });
    const n = report.summary.findings;
    status.textContent = n === 0 ? _("No findings.") : n === 1 ? _("1 finding.") : _("{n} findings.", { n });
    renderLint(text, report);
  } catch (error) {
    status.textContent = _("Check failed: {error}", { error: error.message });
  }
}

document.getElementById("lookup-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = document.getElementById("query").value.trim();
  if (query) lookUp(query);
});
document.getElementById("lint-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = document.getElementById("lint-text").value;
  if (text.trim()) lint(text, document.getElementById("lint-lang").value);
});
document.body.dataset.ready = "true";
