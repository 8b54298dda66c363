/* styrdok: the handbook's search. A search box in the header of every page, results in a
   panel under it, from the index that styrdok build writes to sok/
   (governance/render/handbook/search_index.py): a small entry file, then only the chunks
   of the words the typed words begin with, and the result pages shown; nothing leaves the
   site. Independent of the theme: it needs only a <header> (or the page's <body>).

   Ranking: each (word, document) pair has a score (title and summary above the body);
   a query adds up its words' scores weighted by how rare they are, times the document's
   tier (the city's own governing documents in force, then templates and support, then
   external references); retired, expired and draft documents come last and are marked.
   Swedish: each typed word also matches without a definite or plural ending, and any
   word it begins (as you type); the index carries compound heads and the synonyms of
   styrdok.yaml, and the query adds the synonyms of a typed word. A registration number
   ("SO 2024/0001") or a document id is matched exactly.
   The query and the filters live in the address (?q=…&dokumentsort=…), so a search can be
   linked and survives a reload. */
(function () {
  "use strict"

  var script = document.currentScript
  var base = new URL("../", script ? script.src : location.href)
  var indexBase = new URL("sok/", base)
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
  var DEBOUNCE_MS = 30
  var PREFIX_MIN = 3
  var PREFETCH_CHUNKS = 3
  var EARLY = 3
  var TIER_WEIGHT = { "1": 1, "2": 0.6, "3": 0.3, "4": 1 }
  var REGISTRATION = /^\s*(?:dnr\s*)?([a-zåäö]{1,6})\s*(\d{2,4})\s*\/\s*(\d{1,6})\s*$/i
  var ID = /^\s*([a-z0-9]+(?:-[a-z0-9]+){1,})\s*$/
  var index = null, files = {}, options = null, shown = [], found = [], serial = 0, ui = null
  var appending = null, appendedFor = -1, foundVersion = "", loadedHead = null, loadedConfig = null

  function el(tag, attrs, text) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]) })
    if (text) node.textContent = text
    return node
  }

  function unpack(path, init) {
    /* One file of the index: gzip-compressed JSON, unpacked here (a .sok file is served
       as it is, whatever the server). */
    var url = new URL(path, indexBase).href
    return fetch(url, init).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status)
      var stream = response.body.pipeThrough(new DecompressionStream("gzip"))
      return new Response(stream).json()
    })
  }

  function cached(path) {
    if (!files[path]) files[path] = unpack(path)
    return files[path]
  }

  function load() {
    if (!index) {
      options = fetch(new URL("styrdok-sok.json", indexBase).href).then(function (response) {
        return response.ok ? response.json() : { synonyms: [], filters: {} }
      }).catch(function () { return { synonyms: [], filters: {} } })
      options.then(function (config) { loadedConfig = config; fillFilters(config) })
      /* The entry keeps its name from build to build (the other files are named after
         their content or the build), so the browser asks whether it changed. */
      index = unpack("sok.sok", { cache: "no-cache" })
      index.then(function (head) { loadedHead = head }, function () {})
    }
    return Promise.all([index, options])
  }

  /* --- Swedish --- */

  function words(query) {
    /* The typed words, split as the index splits the text (search_index.TOKEN). */
    return query.toLowerCase().split(/[^0-9a-zåäöéüæø]+/).filter(Boolean)
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

  function chunksFor(head, form) {
    /* The chunks holding the word, or the words that begin with it. */
    var word = form.prefix
    return head.chunks.filter(function (c) {
      return c[1] >= word && (c[0] <= word || (!form.whole && c[0].indexOf(word) === 0))
    }).map(function (c) { return c[2] })
  }

  function forms(term, config) {
    /* What a typed word may match: the word, its base forms without a definite or plural
       ending, and the synonyms of styrdok.yaml; each also as the start of a longer word. */
    var found = bases(term)
    ;(config.synonyms || []).forEach(function (group) {
      if (!group.some(function (w) { return found.indexOf(w) !== -1 })) return
      group.forEach(function (w) { if (found.indexOf(w) === -1) found.push(w) })
    })
    /* A word of one or two letters, and a number, only as itself: as the start of words
       they would load a large part of the index (years, registration numbers). */
    return found.map(function (f) {
      return { prefix: f, whole: f.length < PREFIX_MIN || /^[0-9]+$/.test(f) }
    })
  }

  function lengthBonus(word, typed) {
    /* 1 for the form itself, less the more letters a longer word has. */
    var d = Math.abs(word.length - typed) + 1
    return Math.exp(Math.exp(-d * d / 8) - 1)
  }

  function scan(chunk, prefix, whole, visit) {
    var words = chunk.w, lo = 0, hi = words.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (words[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    for (var i = lo; i < words.length && words[i].indexOf(prefix) === 0; i++) {
      if (whole && words[i] !== prefix) break
      visit(words[i], chunk.d[i], chunk.s[i])
    }
  }

  function lookup(head, forms, mine) {
    /* The forms' chunks, loaded; then the best score per document over the words that
       are one of the forms or begin with one, and how many documents matched (null when
       a later keystroke has started another search). */
    var paths = []
    forms.forEach(function (f) {
      chunksFor(head, f).forEach(function (p) { if (paths.indexOf(p) === -1) paths.push(p) })
    })
    return Promise.all(paths.map(cached)).then(function (chunks) {
      if (mine !== serial) return null
      var best = new Float32Array(head.count), matched = 0
      chunks.forEach(function (chunk) {
        forms.forEach(function (f) {
          scan(chunk, f.prefix, f.whole, function (word, deltas, scores) {
            var bonus = lengthBonus(word, f.prefix.length), doc = 0
            for (var j = 0; j < deltas.length; j++) {
              doc += deltas[j]
              var value = scores[j] * bonus
              if (best[doc] === 0) matched++
              if (value > best[doc]) best[doc] = value
            }
          })
        })
      })
      return { best: best, matched: matched }
    })
  }

  function prefetch(query) {
    /* While a word is typed, the chunks of each of its forms (the word, its base forms,
       its synonyms) are loaded: those of the words they begin when these are in a few
       chunks, else the chunk where the form would stand; usually the same from keystroke
       to keystroke. A registration number's chunks likewise. So the search that follows
       the last keystroke mostly finds its chunks loaded. */
    if (!loadedHead || !loadedConfig) return
    var wanted = []
    var registration = REGISTRATION.exec(query)
    if (registration) {
      var number = (registration[1] + " " + registration[2] + "/" + registration[3]).toLowerCase()
      wanted = [{ prefix: "=d:" + number, whole: true }, { prefix: "=t:" + number, whole: true }]
    }
    words(query).forEach(function (term) {
      if (term.length >= PREFIX_MIN) wanted = wanted.concat(forms(term, loadedConfig))
    })
    wanted.forEach(function (form) {
      var chunks = chunksFor(loadedHead, form)
      if (chunks.length > PREFETCH_CHUNKS)
        chunks = chunksFor(loadedHead, { prefix: form.prefix, whole: true })
      chunks.forEach(cached)
    })
    /* After the keystrokes already waiting, so that typing is never held up. */
    if (!registration) setTimeout(warm, 0, query.trim())
  }

  function warm(query) {
    /* When the chunks a text search needs are all loading, the search is run ahead (not
       shown) and its first results' files loaded, so that the search after the last
       keystroke finds them; a later keystroke or search cancels it. */
    var terms = words(query), head = loadedHead, config = loadedConfig, mine = serial
    if (ui.input.value.trim() !== query) return
    if (!terms.length || Object.keys(chosenFilters()).length) return
    var paths = []
    terms.forEach(function (term) {
      forms(term, config).forEach(function (form) { paths = paths.concat(chunksFor(head, form)) })
    })
    if (!paths.every(function (p) { return files[p] })) return
    Promise.all(paths.map(cached)).then(function () {
      if (mine !== serial || ui.input.value.trim() !== query) return null
      return textSearch(head, terms, config, null, mine)
    }).then(function (docs) {
      if (docs && ui.input.value.trim() === query)
        docs.slice(0, EARLY).forEach(function (doc) { resultFile(doc, head.version) })
    }).catch(function () {})
  }

  function allowed(head, chosen) {
    /* The documents the chosen filters let through (null: every document). */
    var keys = Object.keys(chosen)
    if (!keys.length) return Promise.resolve(null)
    var loading = keys.map(function (key) { return cached(head.filters[key]) })
    return Promise.all(loading).then(function (maps) {
      var count = new Uint8Array(head.count)
      maps.forEach(function (map, i) {
        var deltas = map[chosen[keys[i]]] || [], doc = 0
        deltas.forEach(function (d) { doc += d; count[doc]++ })
      })
      return count.map(function (c) { return c === keys.length ? 1 : 0 })
    })
  }

  function ranking(head, scores, only) {
    /* Staff order: the score times the tier's weight, the retired, expired and drafts
       (tier 4) after all the others; documents the filters leave out dropped. The
       first page is picked out at once, the whole order sorted only when asked for
       (sorting ten thousand matches takes longer than the rest of a search). */
    var docs = [], key = new Float64Array(head.count), tiers = head.tiers
    for (var doc = 0; doc < head.count; doc++) {
      if (scores[doc] > 0 && (!only || only[doc])) {
        var tier = tiers.charAt(doc)
        key[doc] = scores[doc] * TIER_WEIGHT[tier] - (tier === "4" ? 1e9 : 0)
        docs.push(doc)
      }
    }
    var top = null, all = null
    return {
      length: docs.length,
      slice: function (start, end) {
        if (!all && end <= PAGE) return (top = top || firstOf(docs, key, PAGE)).slice(start, end)
        all = all || docs.sort(function (a, b) { return key[b] - key[a] || a - b })
        return all.slice(start, end)
      }
    }
  }

  function firstOf(docs, key, n) {
    /* The n documents of the highest key, in order (docs ascending: of equal keys the
       earlier document first, as in the whole order). */
    var top = []
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i]
      if (top.length === n && key[doc] <= key[top[n - 1]]) continue
      var at = top.length
      while (at > 0 && key[top[at - 1]] < key[doc]) at--
      top.splice(at, 0, doc)
      if (top.length > n) top.pop()
    }
    return top
  }

  function ranked(head, scores, only) {
    var found = ranking(head, scores, only)
    return found.slice(0, found.length)
  }

  function textSearch(head, terms, config, only, mine) {
    /* Every typed word must match (in one of its forms); a document's score is the sum
       over the words of its best form's score times the word's weight (rarer words
       weigh more, BM25's idf). */
    return Promise.all(terms.map(function (term) {
      return lookup(head, forms(term, config), mine)
    })).then(function (slots) {
      if (mine !== serial) return null
      var total = new Float32Array(head.count)
      var weights = slots.map(function (s) {
        return Math.log(1 + (head.count - s.matched + 0.5) / (s.matched + 0.5))
      })
      for (var doc = 0; doc < head.count; doc++) {
        var sum = 0
        for (var i = 0; i < slots.length && sum >= 0; i++) {
          var best = slots[i].best[doc]
          if (best === 0) sum = -1
          else sum += best * weights[i]
        }
        total[doc] = sum > 0 ? sum : 0
      }
      return ranking(head, total, only)
    })
  }

  function exactSearch(head, keys, only, mine) {
    /* Documents holding exactly one of the keys, the first key's before the next's. */
    return Promise.all(keys.map(function (key) {
      return lookup(head, [{ prefix: key, whole: true }], mine)
    })).then(function (found) {
      if (mine !== serial) return null
      var seen = {}, order = []
      found.forEach(function (f) {
        ranked(head, f.best, only).forEach(function (doc) {
          if (!seen[doc]) { seen[doc] = true; order.push(doc) }
        })
      })
      return order
    })
  }

  function search(query) {
    var mine = ++serial
    return load().then(function (loaded) {
      var head = loaded[0], config = loaded[1]
      return allowed(head, chosenFilters()).then(function (only) {
        var registration = REGISTRATION.exec(query)
        var id = ID.exec(query)
        var exact = Promise.resolve([])
        if (registration) {
          var number = registration[1] + " " + registration[2] + "/" + registration[3]
          number = number.toLowerCase()
          exact = exactSearch(head, ["=d:" + number, "=t:" + number], only, mine)
        } else if (id) {
          exact = exactSearch(head, ["=i:" + id[1]], only, mine)
        }
        return exact.then(function (docs) {
          if (!docs) return null
          return docs.length ? docs : textSearch(head, words(query), config, only, mine)
        })
      }).then(function (docs) {
        if (!docs || mine !== serial) return null
        return { results: docs, head: head, config: config }
      })
    })
  }

  function shownData(doc) {
    return resultFile(doc, foundVersion)
  }

  function resultFile(doc, version) {
    return cached("sida/" + doc + ".sok?v=" + version)
  }

  /* --- excerpts --- */

  function excerpt(content, marks) {
    /* The words around the first match in the reader's text (a result file holds only
       that: never the metadata values or the extra index words), every matching word
       marked. */
    var tokens = content.split(/(\s+)/)
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
    /* Each result is shown as soon as it and those above it are loaded; the button for
       more is there from the start when there are more. */
    ui.more.hidden = shown.length >= found.length
    var done = mine === appendedFor ? appending : Promise.resolve()
    /* The first few result files at once, the others when the first has arrived, so
       that they do not hold up the first. */
    var early = next.slice(0, EARLY).map(shownData)
    var gate = early.length ? early[0] : Promise.resolve()
    next.map(function (result, i) {
      return i < EARLY ? early[i] : gate.then(function () { return shownData(result) })
    }).forEach(function (loading) {
      done = done.then(function () { return loading }).then(function (d) {
        if (mine === serial) ui.list.appendChild(resultItem(d, marks))
      })
    })
    appending = done
    appendedFor = mine
    return done
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
      foundVersion = answer.head.version
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
      prefetch(ui.input.value)
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
