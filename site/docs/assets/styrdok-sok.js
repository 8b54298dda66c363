/* styrdok: the handbook's search. A search box in the header of every page, results in a
   panel under it, from the Pagefind index that styrdok build writes to pagefind/ (chunks
   loaded as a query needs them; nothing leaves the site). Independent of the theme: it
   needs only a <header> (or the page's <body>) to put the box in.

   Ranking: the index weights each document by its tier (the city's own governing documents
   in force, then templates and support, then external references) and titles and summaries
   above the body; retired, expired and draft documents come last and are marked. Swedish:
   Pagefind stems with Snowball; here each typed word is also searched without a definite
   or plural ending, and the index carries compound heads and the synonyms of styrdok.yaml.
   A registration number ("SO 2024/0001") or a document id is matched exactly.
   The query and the filters live in the address (?q=…&dokumentsort=…), so a search can be
   linked and survives a reload. */
(function () {
  "use strict"

  var script = document.currentScript
  var base = new URL("../", script ? script.src : location.href)
  var ENDINGS = ["heterna", "heten", "arna", "erna", "orna", "andet", "ande", "ar", "er",
                 "or", "na", "en", "et", "n", "t"]
  var FILTERS = [
    { key: "kind", param: "dokumentsort", label: "Dokumentsort" },
    { key: "unit", param: "forvaltning", label: "Förvaltning" },
    { key: "role", param: "roll", label: "Roll" },
    { key: "status", param: "status", label: "Status" }
  ]
  var PAGE = 10
  var MIN_LENGTH = 2
  var DEBOUNCE_MS = 100
  var TIERS = ["1", "2", "3", "4"]
  var TIER_WEIGHT = { "1": 1, "2": 0.6, "3": 0.3, "4": 1 }
  var REGISTRATION = /^\s*(?:dnr\s*)?([a-zåäö]{1,6})\s*(\d{2,4})\s*\/\s*(\d{1,6})\s*$/i
  var ID = /^\s*([a-z0-9]+(?:-[a-z0-9]+){1,})\s*$/
  var pagefind = null, options = null, shown = [], found = [], serial = 0, ui = null

  function el(tag, attrs, text) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]) })
    if (text) node.textContent = text
    return node
  }

  function load() {
    if (!pagefind) {
      options = fetch(new URL("pagefind/styrdok-sok.json", base).href).then(function (response) {
        return response.ok ? response.json() : { synonyms: [], filters: {} }
      }).catch(function () { return { synonyms: [], filters: {} } })
      options.then(fillFilters)
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ excerptLength: 30 }).then(function () { return module })
      })
    }
    return Promise.all([pagefind, options])
  }

  /* --- Swedish --- */

  function words(query) {
    return query.toLowerCase().split(/[^0-9a-zåäöéü/-]+/).filter(Boolean)
  }

  function bases(word) {
    /* The word and what is left without one definite or plural ending; a lone -n or -t
       only after a vowel (checklista-n, huse-t), as in governance/render/handbook/swedish.py. */
    var found = [word]
    ENDINGS.forEach(function (ending) {
      var stem = word.slice(0, -ending.length)
      if (ending.length === 1 && !/[aeiouyåäö]$/.test(stem)) return
      if (word.length - ending.length >= 3 && word.slice(-ending.length) === ending &&
          found.indexOf(stem) === -1) found.push(stem)
    })
    return found
  }

  function variants(terms, config) {
    /* The query as typed, with every word that has a definite or plural ending stripped
       of it (the longest such ending), and with a word replaced by each of its
       synonyms from styrdok.yaml: at most four searches. */
    var longest = terms.map(function (t) { var b = bases(t); return b[1] || t })
    var found = []
    ;[terms, longest].forEach(function (list) {
      var text = list.join(" ")
      if (found.indexOf(text) === -1) found.push(text)
    })
    terms.forEach(function (term, i) {
      ;(config.synonyms || []).forEach(function (group) {
        if (!group.some(function (w) { return bases(term).indexOf(w) !== -1 })) return
        group.forEach(function (word) {
          var list = longest.slice()
          list[i] = word
          var text = list.join(" ")
          if (found.indexOf(text) === -1) found.push(text)
        })
      })
    })
    return found.slice(0, 4)
  }

  function highlightWords(terms, config) {
    var found = []
    terms.forEach(function (term) {
      bases(term).forEach(function (b) { if (found.indexOf(b) === -1) found.push(b) })
      ;(config.synonyms || []).forEach(function (group) {
        if (group.some(function (w) { return bases(term).indexOf(w) !== -1 || term.indexOf(w) === 0 }))
          group.forEach(function (w) { if (found.indexOf(w) === -1) found.push(w) })
      })
    })
    return found.filter(function (w) { return w.length >= 3 })
  }

  /* --- searching --- */

  function filterValue(f) {
    /* Before the options are loaded, the value the address asked for. */
    var select = ui.selects[f.key]
    return select.value || select.getAttribute("data-wanted") || ""
  }

  function chosenFilters() {
    var chosen = {}
    FILTERS.forEach(function (f) {
      var value = filterValue(f)
      if (value) chosen[f.key] = value
    })
    return chosen
  }

  function merge(lists) {
    var byId = {}, order = []
    lists.forEach(function (list) {
      list.forEach(function (r) {
        if (!byId[r.id]) { byId[r.id] = r; order.push(r) }
        else if (r.score > byId[r.id].score) byId[r.id].score = r.score
      })
    })
    return order.sort(function (a, b) { return b.score - a.score })
  }

  function exact(module, key, value, term, chosen) {
    /* The pages whose filter holds exactly the value; searched with a word of it, since
       a search by filter alone would fetch the whole index. */
    var filters = Object.assign({}, chosen)
    filters[key] = value
    return module.search(term, { filters: filters }).then(function (s) { return s.results })
  }

  function textSearch(module, query, chosen, config) {
    /* One search per form of the query and tier (a search by filter alone would fetch
       the whole index); a result's score is Pagefind's (title and summary weigh more
       than the body) times its tier's weight, and the retired, expired and drafts
       (tier 4) follow all the others. */
    var searches = []
    variants(words(query), config).forEach(function (q) {
      TIERS.forEach(function (tier) {
        var filters = Object.assign({}, chosen, { tier: tier })
        searches.push(module.search(q, { filters: filters }).then(function (s) {
          s.results.forEach(function (r) { r.tier = tier; r.score *= TIER_WEIGHT[tier] })
          return s.results
        }))
      })
    })
    return Promise.all(searches).then(function (lists) {
      return merge(lists).sort(function (a, b) {
        return (a.tier === "4") - (b.tier === "4") || b.score - a.score
      })
    })
  }

  function search(query) {
    var mine = ++serial
    return load().then(function (loaded) {
      var module = loaded[0]
      var chosen = chosenFilters()
      var registration = REGISTRATION.exec(query)
      var id = ID.exec(query)
      var exactFirst = Promise.resolve([])
      if (registration) {
        var number = registration[1].toUpperCase() + " " + registration[2] + "/" + registration[3]
        var digits = registration[2] + "/" + registration[3]
        exactFirst = Promise.all([exact(module, "dnr", number, digits, chosen),
                                  exact(module, "dnr_text", number, digits, chosen)])
          .then(function (lists) { return merge([lists[0]]).concat(merge([lists[1]])) })
      } else if (id) {
        exactFirst = exact(module, "id", id[1], id[1].split("-")[0], chosen)
      }
      return exactFirst.then(function (exactResults) {
        if (exactResults.length) return exactResults
        return textSearch(module, query, chosen, loaded[1])
      }).then(function (results) {
        var seen = {}
        return results.filter(function (r) { return seen[r.id] ? false : (seen[r.id] = true) })
      }).then(function (results) {
        if (mine !== serial) return null
        return { results: results, config: loaded[1] }
      })
    })
  }

  /* --- excerpts --- */

  function excerpt(content, marks) {
    /* The words around the first match in the reader's text (never the extra index words
       after ⁂), with every matching word marked. */
    var text = content.split("\u2042")[0]
    var tokens = text.split(/(\s+)/)
    function matches(token) {
      var word = token.toLowerCase().replace(/^[^0-9a-zåäöéü]+|[^0-9a-zåäöéü]+$/g, "")
      if (!word) return false
      return marks.some(function (m) {
        return word.indexOf(m) === 0 || (m.length >= 4 && word.indexOf(m) !== -1)
      })
    }
    var first = -1
    for (var i = 0; i < tokens.length; i += 2) if (matches(tokens[i])) { first = i; break }
    var start = first < 0 ? 0 : Math.max(0, first - 16)
    var end = Math.min(tokens.length, start + 60)
    var p = el("p", { "class": "styrdok-sok__excerpt" })
    if (start > 0) p.appendChild(document.createTextNode("… "))
    for (var j = start; j < end; j++) {
      if (j % 2 === 0 && matches(tokens[j])) p.appendChild(el("mark", {}, tokens[j]))
      else p.appendChild(document.createTextNode(tokens[j]))
    }
    if (end < tokens.length) p.appendChild(document.createTextNode(" …"))
    return p
  }

  /* --- the panel --- */

  function resultItem(data, marks) {
    var li = el("li", { "class": "styrdok-sok__item" })
    var url = new URL(data.url.replace(/^\//, ""), base).href
    var link = el("a", { href: url, "class": "styrdok-sok__title" }, data.meta.title || data.url)
    var heading = el("h3", {})
    heading.appendChild(link)
    li.appendChild(heading)
    var badges = el("p", { "class": "styrdok-sok__badges" })
    badges.appendChild(el("span", { "class": "styrdok-sok__badge" }, data.meta.kind || ""))
    var state = data.meta.state || ""
    var old = state === "retired" || state === "expired" || state === "draft"
    badges.appendChild(el("span", {
      "class": "styrdok-sok__badge styrdok-sok__status" + (old ? " styrdok-sok__status--old" : "")
    }, data.meta.status || ""))
    if (data.meta.owner) {
      badges.appendChild(el("span", { "class": "styrdok-sok__owner" },
                            "Dokumentansvarig: " + data.meta.owner))
    }
    li.appendChild(badges)
    li.appendChild(excerpt(data.content || "", marks))
    return li
  }

  function announce(text) { ui.count.textContent = text }

  function showMore(marks) {
    var next = found.slice(shown.length, shown.length + PAGE)
    shown = shown.concat(next)
    var mine = serial
    return Promise.all(next.map(function (r) { return r.data() })).then(function (datas) {
      if (mine !== serial) return
      datas.forEach(function (d) { ui.list.appendChild(resultItem(d, marks)) })
      ui.more.hidden = shown.length >= found.length
    })
  }

  function saveState(query) {
    var params = new URLSearchParams(location.search)
    params.delete("q")
    FILTERS.forEach(function (f) { params.delete(f.param) })
    if (query) {
      params.set("q", query)
      FILTERS.forEach(function (f) {
        if (filterValue(f)) params.set(f.param, filterValue(f))
      })
    }
    var text = params.toString()
    history.replaceState(history.state, "", location.pathname + (text ? "?" + text : "") + location.hash)
  }

  function run() {
    var query = ui.input.value.trim()
    saveState(query)
    if (!query) { close(); return }
    open()
    if (query.replace(/\s/g, "").length < MIN_LENGTH) {
      /* One letter would load every part of the index for words that start with it. */
      serial++
      found = []
      shown = []
      ui.list.textContent = ""
      ui.more.hidden = true
      announce("Skriv minst " + MIN_LENGTH + " tecken för att söka.")
      return
    }
    search(query).then(function (answer) {
      if (!answer) return
      found = answer.results
      shown = []
      ui.list.textContent = ""
      var n = found.length
      var chosen = FILTERS.map(filterValue).filter(Boolean)
      var narrowed = chosen.length ? " Filter: " + chosen.join(", ") + "." : ""
      var text = (n === 0 ? "Inga träffar för ”" + query + "”." :
                  (n === 1 ? "1 träff" : n + " träffar") + " för ”" + query + "”.") + narrowed
      /* The count is announced when the first results are on screen. */
      return showMore(highlightWords(words(query), answer.config)).then(function () {
        if (ui.input.value.trim() === query) announce(text)
      })
    }).catch(function () {
      announce("Sökningen kunde inte laddas. Ladda om sidan och försök igen.")
    })
  }

  function open() { ui.panel.hidden = false }

  function close() { ui.panel.hidden = true }

  function fillFilters(config) {
    FILTERS.forEach(function (f) {
      var select = ui.selects[f.key]
      var wanted = filterValue(f)
      ;((config.filters || {})[f.key] || []).forEach(function (value) {
        select.appendChild(el("option", { value: value }, value))
      })
      select.value = wanted
      select.removeAttribute("data-wanted")
    })
  }

  function build() {
    var form = el("form", { "class": "styrdok-sok", role: "search", "aria-label": "Sök i handboken" })
    var label = el("label", { "for": "styrdok-sok-q", "class": "styrdok-sok__label" }, "Sök")
    var input = el("input", {
      id: "styrdok-sok-q", type: "search", name: "q", autocomplete: "off",
      spellcheck: "false", placeholder: "Sök i handboken", "aria-controls": "styrdok-sok-panel",
      "aria-describedby": "styrdok-sok-hint"
    })
    var hint = el("span", { id: "styrdok-sok-hint", "class": "styrdok-sok__hidden" },
                  "Träffarna visas under sökrutan. Esc stänger.")
    form.appendChild(label)
    form.appendChild(input)
    form.appendChild(hint)
    var panel = el("section", { id: "styrdok-sok-panel", "class": "styrdok-sok__panel",
                                "aria-label": "Sökresultat" })
    panel.hidden = true
    var filters = el("div", { "class": "styrdok-sok__filters" })
    var selects = {}
    FILTERS.forEach(function (f) {
      var wrap = el("div", { "class": "styrdok-sok__filter" })
      var id = "styrdok-sok-" + f.param
      wrap.appendChild(el("label", { "for": id }, f.label))
      var select = el("select", { id: id, name: f.param })
      select.appendChild(el("option", { value: "" }, "Alla"))
      wrap.appendChild(select)
      filters.appendChild(wrap)
      selects[f.key] = select
    })
    var count = el("p", { "class": "styrdok-sok__count", role: "status", "aria-live": "polite" })
    var list = el("ol", { "class": "styrdok-sok__list" })
    var more = el("button", { type: "button", "class": "styrdok-sok__more" }, "Visa fler träffar")
    more.hidden = true
    var shut = el("button", { type: "button", "class": "styrdok-sok__close" }, "Stäng sökresultaten")
    ;[filters, count, list, more, shut].forEach(function (n) { panel.appendChild(n) })
    return { form: form, input: input, panel: panel, selects: selects, count: count,
             list: list, more: more, shut: shut }
  }

  function place() {
    var header = document.querySelector(".md-header__inner") || document.querySelector("header")
    if (header) {
      header.appendChild(ui.form)
      ;(header.closest("header") || header).appendChild(ui.panel)
    } else {
      document.body.insertBefore(ui.panel, document.body.firstChild)
      document.body.insertBefore(ui.form, document.body.firstChild)
    }
  }

  function start() {
    ui = build()
    place()
    var timer = null
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); run() })
    ui.input.addEventListener("input", function () {
      clearTimeout(timer)
      timer = setTimeout(run, DEBOUNCE_MS)
    })
    ui.input.addEventListener("focus", function () { load() })
    ui.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !ui.panel.hidden) {
        var first = ui.list.querySelector("a")
        if (first) { event.preventDefault(); first.focus() }
      }
    })
    FILTERS.forEach(function (f) { ui.selects[f.key].addEventListener("change", run) })
    ui.more.addEventListener("click", function () {
      var before = shown.length
      showMore(highlightWords(words(ui.input.value), { synonyms: [] })).then(function () {
        var link = ui.list.querySelectorAll("a")[before]
        if (link) link.focus()
      })
    })
    ui.shut.addEventListener("click", function () { close(); ui.input.focus() })
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !ui.panel.hidden) { close(); ui.input.focus() }
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target || {}).tagName || "")
      if (event.key === "/" && !typing) { event.preventDefault(); ui.input.focus() }
    })
    var params = new URLSearchParams(location.search)
    FILTERS.forEach(function (f) {
      var value = params.get(f.param)
      if (value) ui.selects[f.key].setAttribute("data-wanted", value)
    })
    if (params.get("q")) { ui.input.value = params.get("q"); run() }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
