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
        var text = row.textContent.toLowerCase()
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1 })
      })
      if (output) count(table, output)
    })
    if (output) count(table, output)
  }

  document.querySelectorAll("table.styrdok-sortable").forEach(makeSortable)
  document.querySelectorAll("input[data-styrdok-filter]").forEach(makeFilter)
})()

/* styrdok: a wide table scrolls sideways on a narrow screen (320 px); its scrolling box,
   which Material's script makes, is then reachable by keyboard and named after the table's
   caption when it has one (WCAG 2.1.1). */
;(function () {
  "use strict"
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      var caption = box.querySelector("caption")
      box.setAttribute("tabindex", "0")
      if (!caption) return  /* a region needs a name of its own: only a captioned table's */
      var name = caption.textContent.trim()
      var same = document.querySelectorAll('.md-typeset__scrollwrap[aria-label="' + name.replace(/"/g, "") + '"]')
      if (same.length) return
      box.setAttribute("role", "region")
      box.setAttribute("aria-label", name)
    })
  }
  if (window.document$) window.document$.subscribe(label)
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true })
  label()
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
