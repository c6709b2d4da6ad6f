(function () {
  "use strict";
  var d = document, each = function (list, f) { Array.prototype.forEach.call(list, f); };
  function key(c) {
    var v = c.getAttribute("data-v");
    if (v !== null) { var x = parseFloat(v); return isNaN(x) ? -Infinity : x; }
    return c.textContent.trim();
  }
  function cmp(a, b) {
    return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), d.documentElement.lang);
  }
  each(d.querySelectorAll("table.sortable"), function (t) {
    var heads = t.tHead.rows[0].cells;
    each(heads, function (th, i) {
      var b = d.createElement("button");
      b.type = "button"; b.className = "sort";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending", body = t.tBodies[0];
        each(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) { var c = cmp(key(x.cells[i]), key(y.cells[i])); return asc ? c : -c; });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  var box = d.getElementById("cchc.tim");
  if (!box) return;
  var q = d.getElementById("cchc.q"), shown = d.getElementById("cchc.n");
  function plain(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase(); }
  box.hidden = false;
  q.addEventListener("input", function () {
    var s = plain(q.value.trim()), n = 0;
    each(d.querySelectorAll("table.searchable tbody tr"), function (r) {
      var hit = !s || plain(r.textContent).indexOf(s) >= 0;
      r.hidden = !hit;
      if (hit && r.closest("table.ranking")) n++;
    });
    shown.textContent = s ? box.getAttribute("data-shown").replace("{n}", n) : "";
  });
})();
