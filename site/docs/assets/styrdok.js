/* styrdok: sort and filter the register. Each column heading becomes a button that sorts
   the table (aria-sort says how); the filter field hides rows that do not contain the text. */
(function () {
  "use strict"

  function cellText(row, index) {
    var cell = row.cells[index]
    return cell ? cell.textContent.trim() : ""
  }

  function sortTable(table, index, header) {
    var body = table.tBodies[0]
    var ascending = header.getAttribute("aria-sort") !== "ascending"
    var rows = Array.prototype.slice.call(body.rows)
    rows.sort(function (a, b) {
      var x = cellText(a, index), y = cellText(b, index)
      var missing = (x === "–" || x === "") - (y === "–" || y === "")
      if (missing) return missing  /* rows without a value last, either way */
      var result = x.localeCompare(y, "sv", { numeric: true })
      return ascending ? result : -result
    })
    rows.forEach(function (row) { body.appendChild(row) })
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.setAttribute("aria-sort", "none")
    })
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending")
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button")
      button.type = "button"
      button.textContent = header.textContent
      button.title = "Sortera efter " + header.textContent.toLowerCase()
      header.textContent = ""
      header.appendChild(button)
      button.addEventListener("click", function () { sortTable(table, index, header) })
    })
  }

  function count(table, output) {
    var shown = Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
      return !row.hidden
    }).length
    output.textContent = "Visar " + shown + " av " + table.tBodies[0].rows.length + " dokument."
  }

  function makeFilter(input) {
    var table = document.getElementById(input.getAttribute("data-styrdok-filter"))
    var output = document.querySelector("[data-styrdok-count='" + table.id + "']")
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        if (row.classList.contains("styrdok-empty")) return
        var text = row.textContent.toLowerCase()
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1 })
      })
      if (output) count(table, output)
      showEmpty(table, input.value)
    })
    if (output) count(table, output)
  }

  /* With no hits the table keeps one row that says so, so the headings still read as a table. */
  function showEmpty(table, query) {
    var body = table.tBodies[0]
    var empty = table.querySelector("tr.styrdok-empty")
    var shown = Array.prototype.some.call(body.rows, function (row) {
      return !row.hidden && row !== empty
    })
    if (shown) {
      if (empty) empty.remove()
      return
    }
    if (!empty) {
      empty = document.createElement("tr")
      empty.className = "styrdok-empty"
      var cell = document.createElement("td")
      cell.colSpan = table.tHead.rows[0].cells.length
      empty.appendChild(cell)
      body.appendChild(empty)
    }
    empty.cells[0].textContent = "Inga dokument innehåller \u201d" + query.trim() + "\u201d."
  }

  document.querySelectorAll("table.styrdok-sortable").forEach(makeSortable)
  document.querySelectorAll("input[data-styrdok-filter]").forEach(makeFilter)
})()

/* styrdok: tables wider than the window (a document's own tables) scroll inside a region
   that takes keyboard focus and has a name; links inside a page print their address. */
;(function () {
  "use strict"

  function label(wrap) {
    var caption = wrap.querySelector("caption")
    if (caption) return caption.textContent.trim()
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return "Tabell: " + el.textContent.replace(/¶$/, "").trim()
    }
    return "Tabell"
  }

  function regions() {
    document.querySelectorAll(".md-typeset__scrollwrap, .styrdok-scroll").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0")
        wrap.setAttribute("role", "region")
        wrap.setAttribute("aria-label", label(wrap) + " (rulla i sidled)")
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex")
        wrap.removeAttribute("role")
        wrap.removeAttribute("aria-label")
      }
    })
  }

  function addresses() {
    document.querySelectorAll("article a[href]").forEach(function (link) {
      var href = link.getAttribute("href")
      if (!href || href.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:/i.test(href)) return
      if (link.closest(".headerlink, .md-tags, .styrdok-downloads")) return
      link.setAttribute("data-styrdok-address", link.href)
    })
  }

  function run() {
    regions()
    addresses()
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run)
  } else {
    run()
  }
  window.addEventListener("load", regions)
  window.addEventListener("resize", regions)
})()

/* styrdok: "Senaste ändringar" filtered by unit and role. Without script every change is
   listed and the filter stays hidden. */
;(function () {
  "use strict"
  var box = document.querySelector("[data-styrdok-changes-filter]")
  if (!box) return
  var selects = box.querySelectorAll("select[data-styrdok-changes]")
  function apply() {
    document.querySelectorAll(".styrdok-changes > li").forEach(function (item) {
      item.hidden = !Array.prototype.every.call(selects, function (select) {
        var wanted = select.value
        var have = (item.getAttribute("data-" + select.getAttribute("data-styrdok-changes")) || "").split(" ")
        return !wanted || have.indexOf(wanted) !== -1
      })
    })
  }
  selects.forEach(function (select) { select.addEventListener("change", apply) })
  box.hidden = false
})()
