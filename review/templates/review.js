// termguard review page: linked highlights, the side panel, filters and finding-to-finding keys.
// Everything is delegated from the document, so a 10,000-segment page costs nothing at load.
(function () {
  "use strict";
  var body = document.body;
  var selected = document.getElementById("selected");
  var position = document.getElementById("position");
  var FILTERS = ["all", "review", "problem"];
  var current = null;

  function rowOf(el) { return el.closest(".row"); }

  // The side panel sits just under the sticky header, however many lines the toolbar wraps to.
  function fitPanel() {
    var header = document.querySelector("header.top");
    document.documentElement.style.setProperty("--header", header.offsetHeight + "px");
  }
  fitPanel();
  window.addEventListener("resize", fitPanel);

  function shown(li) {
    var filter = body.getAttribute("data-filter");
    var row = rowOf(li);
    if (filter === "review") return row.classList.contains("needs-review");
    if (filter === "problem") return li.classList.contains("f-problem");
    return true;
  }

  function findings() {
    return Array.prototype.filter.call(document.querySelectorAll("main li.finding"), shown);
  }

  function clearLinked() {
    Array.prototype.forEach.call(document.querySelectorAll(".linked"), function (el) {
      el.classList.remove("linked");
    });
  }

  // Outline every highlight of the given items (source and edition) and their list entries.
  function link(ids, row) {
    clearLinked();
    ids.forEach(function (id) {
      if (!id) return;
      Array.prototype.forEach.call(row.querySelectorAll("mark.hl"), function (mark) {
        if ((" " + mark.getAttribute("data-links") + " ").indexOf(" " + id + " ") >= 0) mark.classList.add("linked");
      });
      var li = document.getElementById(id);
      if (li) li.classList.add("linked");
    });
  }

  function showText(text) {
    selected.textContent = text;
  }

  function showFinding(li) {
    selected.textContent = "";
    var label = rowOf(li).querySelector(".label");
    var where = document.createElement("div");
    where.className = "where";
    where.textContent = document.body.dataset.msgSegment.replace("{label}", label.firstChild.textContent);
    selected.appendChild(where);
    var copy = li.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.remove("finding", "current", "linked");
    copy.classList.add("finding-copy");
    selected.appendChild(copy);
  }

  function select(li) {
    if (current) current.classList.remove("current");
    current = li;
    li.classList.add("current");
    var row = rowOf(li);
    row.scrollIntoView({block: "center"});
    li.focus({preventScroll: true});
    link([li.id], row);
    showFinding(li);
    var list = findings();
    position.textContent = document.body.dataset.msgPosition.replace("{n}", list.indexOf(li) + 1)
      .replace("{total}", list.length);
  }

  function step(direction) {
    var list = findings();
    if (!list.length) { position.textContent = document.body.dataset.msgNone; return; }
    var i = current ? list.indexOf(current) : -1;
    if (i < 0 && current) {
      // The current finding was filtered out: continue from where it stands in the page.
      i = direction > 0 ? -1 : list.length;
      for (var k = 0; k < list.length; k++) {
        if (current.compareDocumentPosition(list[k]) & Node.DOCUMENT_POSITION_FOLLOWING) {
          i = direction > 0 ? k - 1 : k;
          break;
        }
      }
    } else if (i < 0) {
      i = direction > 0 ? -1 : list.length;
    }
    var next = Math.min(Math.max(i + direction, 0), list.length - 1);
    select(list[next]);
  }

  function setFilter(value) {
    body.setAttribute("data-filter", value);
    var radio = document.querySelector('input[name="filter"][value="' + value + '"]');
    if (radio) radio.checked = true;
  }

  document.getElementById("filter").addEventListener("change", function (e) {
    if (e.target.name === "filter") setFilter(e.target.value);
  });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = e.target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && e.target.type !== "radio")) return;
    if (e.key === "n" || e.key === "j") { step(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { step(-1); e.preventDefault(); }
    else if (e.key === "f") {
      setFilter(FILTERS[(FILTERS.indexOf(body.getAttribute("data-filter")) + 1) % FILTERS.length]);
      e.preventDefault();
    }
  });

  document.addEventListener("mouseover", function (e) {
    var target = e.target.closest ? e.target.closest("mark.hl, li.finding") : null;
    if (!target || !rowOf(target)) return;
    var ids = target.tagName === "MARK" ? target.getAttribute("data-links").split(" ") : [target.id];
    link(ids, rowOf(target));
  });
  document.addEventListener("mouseout", function (e) {
    var target = e.target.closest ? e.target.closest("mark.hl, li.finding") : null;
    if (!target) return;
    clearLinked();
    if (current) link([current.id], rowOf(current));
  });

  document.addEventListener("click", function (e) {
    var goto = e.target.closest("[data-goto]");
    if (goto) {
      var li = document.getElementById(goto.getAttribute("data-goto"));
      if (li) { e.preventDefault(); setFilter(shown(li) ? body.getAttribute("data-filter") : "all"); select(li); }
      return;
    }
    var finding = e.target.closest("li.finding");
    if (finding && rowOf(finding)) { select(finding); return; }
    var mark = e.target.closest("mark.hl");
    if (!mark || !rowOf(mark)) return;
    var ids = mark.getAttribute("data-links").split(" ");
    for (var i = 0; i < ids.length; i++) {
      var item = document.getElementById(ids[i]);
      if (item) { select(item); return; }
    }
    link(ids, rowOf(mark));
    showText(mark.getAttribute("title"));
  });
})();
