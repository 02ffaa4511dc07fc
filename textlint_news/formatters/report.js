"use strict";
(function () {
  // Sort the summary table by a column (a number in data-v, or the file name).
  function sortBy(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var down = th.getAttribute("aria-sort") !== "descending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
      var c = col === 0 ? x.localeCompare(y) : Number(x) - Number(y);
      return (down ? -c : c) || Number(a.getAttribute("data-n")) - Number(b.getAttribute("data-n"));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.summary th button").forEach(function (b) {
    b.addEventListener("click", function () { sortBy(b.parentNode); });
  });

  // Inline fixes on or off.
  var fixes = document.getElementById("show-fixes");
  if (fixes) {
    fixes.addEventListener("change", function () { document.body.classList.toggle("fixes", fixes.checked); });
  }

  // A mark's message and fix (every issue at that point, for nested spans) on hover and focus.
  var tip = document.getElementById("tip");
  function issuesAt(mark) {
    var found = [];
    for (var m = mark; m && m.tagName === "MARK"; m = m.parentNode.closest("mark")) { found.unshift(m); }
    return found;
  }
  function item(mark) {
    return document.getElementById("l" + mark.closest("section").getAttribute("data-f") + "-" + mark.getAttribute("data-i"));
  }
  function show(mark) {
    tip.textContent = "";
    issuesAt(mark).forEach(function (m) {
      var li = item(m), row = document.createElement("div");
      row.className = li.className.replace("current", "");
      Array.prototype.forEach.call(li.childNodes, function (n) {
        if (!(n.classList && n.classList.contains("at"))) { row.appendChild(n.cloneNode(true)); }
      });
      tip.appendChild(row);
    });
    var box = mark.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
  }
  function hide() { tip.hidden = true; }
  function select(mark, on) {
    var section = mark.closest("section");
    section.querySelectorAll('mark[data-i="' + mark.getAttribute("data-i") + '"]').forEach(function (m) {
      m.classList.toggle("on", on);
    });
    var li = item(mark);
    li.classList.toggle("current", on);
    if (on) { li.scrollIntoView({block: "nearest"}); }
  }
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest && e.target.closest("section.file mark");
    if (mark) { show(mark); } else if (!tip.contains(e.target)) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    var mark = e.target.closest && e.target.closest("section.file mark");
    if (mark) { select(mark, true); show(mark); }
  });
  document.addEventListener("focusout", function (e) {
    var mark = e.target.closest && e.target.closest("section.file mark");
    if (mark) { select(mark, false); hide(); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });

  // The issue list's links move the focus to the highlight.
  document.querySelectorAll("ol.issues a.at").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var mark = document.getElementById(a.getAttribute("href").slice(1));
      if (mark && mark.tagName === "MARK") {
        e.preventDefault();
        mark.focus({preventScroll: true});
        mark.scrollIntoView({block: "center"});
      }
    });
  });

  // A swapped word and its counterpart in the sister copy light up together.
  document.querySelectorAll("table.pairs [data-op]").forEach(function (w) {
    function both(on) {
      w.closest("table").querySelectorAll('[data-op="' + w.getAttribute("data-op") + '"]').forEach(function (x) {
        x.classList.toggle("on", on);
      });
    }
    w.addEventListener("mouseenter", function () { both(true); });
    w.addEventListener("mouseleave", function () { both(false); });
    w.addEventListener("focus", function () { both(true); });
    w.addEventListener("blur", function () { both(false); });
  });
})();
