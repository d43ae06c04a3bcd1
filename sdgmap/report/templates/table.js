(function () {
  var table = document.getElementById('initiatives-table');
  if (table) {
    var goal = document.getElementById('goal-filter'), search = document.getElementById('search');
    var body = table.tBodies[0];
    var apply = function () {
      var g = goal.value, q = search.value.toLowerCase(), shown = 0;
      for (var i = 0; i < body.rows.length; i++) {
        var row = body.rows[i];
        var ok = (!g || (' ' + row.getAttribute('data-goals') + ' ').indexOf(' ' + g + ' ') >= 0) &&
                 (!q || row.getAttribute('data-search').indexOf(q) >= 0);
        row.hidden = !ok;
        if (ok) { shown++; }
      }
      document.getElementById('shown-count').textContent = shown;
    };
    goal.addEventListener('change', apply);
    search.addEventListener('input', apply);
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (head, column) {
      head.addEventListener('click', function () {
        var direction = head.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        head.setAttribute('aria-sort', direction > 0 ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) { var c = row.cells[column]; return c.getAttribute('data-sort') || c.textContent; };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
          var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return direction * order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  document.documentElement.setAttribute('data-report-ready', '1');
})();
