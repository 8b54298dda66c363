/* styrdok: the handbook's search. A search box in the header of every page, results in a
   panel under it, from the index that styrdok build writes to sok/
   (governance/render/handbook/search_index.py): a small entry file (loaded when the page
   is idle), then only the chunks of the words the typed words begin with, and the result
   pages shown; nothing leaves the site. Independent of the theme: it needs only a
   <header> (or the page's <body>).

   Timing: the first result is two requests after the keystroke (the chunk of the word,
   then the result's file), so the first keystrokes search at once; once results are on
   screen the search waits for a pause in the typing (meanwhile the chunks of the typed
   words load), and the list keeps the results it shows until the next are loaded.

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
  var FAST_MS = 60
  var PREFIX_MIN = 3
  var PREFETCH_CHUNKS = 3
  var EARLY = 3
  var WAIT_MS = 1000
  var TIER_WEIGHT = { "1": 1, "2": 0.6, "3": 0.3, "4": 1 }
  var REGISTRATION = /^\s*(?:dnr\s*)?([a-zåäö]{1,6})\s*(\d{2,4})\s*\/\s*(\d{1,6})\s*$/i
  var ID = /^\s*([a-z0-9]+(?:-[a-z0-9]+){1,})\s*$/
  var index = null, files = {}, options = null, serial = 0, ui = null
  /* What the list shows: the search (its number), its results, those asked for so far
     and the words marked in them. */
  var view = { serial: 0, found: [], shown: [], marks: [], version: "" }
  var running = null, again = false, timer = null, lastKey = 0
  var loadedHead = null, loadedConfig = null

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
      index.then(function (head) { loadedHead = head }, function () { index = null })
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
        return { serial: mine, results: docs, head: head, config: config }
      })
    })
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

  function showMore(results) {
    /* The next page of a search's results. Each result is shown as soon as it and those
       above it are loaded; a new search's results replace the list when its first one
       is loaded, unless a later search's are already there — so while a word is typed,
       the list shows the results of what was typed a moment ago until the next ones are
       ready. */
    var fresh = results !== view
    var next = results.found.slice(results.shown.length, results.shown.length + PAGE)
    results.shown = results.shown.concat(next)
    /* The first few result files at once, the others when the first has arrived, so
       that they do not hold up the first. */
    var early = next.slice(0, EARLY).map(function (doc) { return resultFile(doc, results.version) })
    var gate = early.length ? early[0] : Promise.resolve()
    var taken = (fresh ? gate : results.appending).then(function () { return take(results, fresh) })
    var loading = next.map(function (doc, i) {
      if (i < EARLY) return early[i]
      return taken.then(function (mine) { return mine ? resultFile(doc, results.version) : null })
    })
    var done = taken
    loading.forEach(function (file) {
      done = done.then(function (mine) {
        return file.then(function (data) {
          if (mine && data && view === results) ui.list.appendChild(resultItem(data, results.marks))
          return mine
        })
      })
    })
    results.appending = done
    if (fresh) results.taken = taken
    return done
  }

  function take(results, fresh) {
    /* Whether the results may be shown; a new search's replace the list's. */
    if (!fresh) return view === results
    if (results.serial < view.serial) return false
    view = results
    ui.list.textContent = ""
    open()
    /* The button for more is there from the start when there are more. */
    ui.more.hidden = results.shown.length >= results.found.length
    return true
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

  function clear(text) {
    /* An empty list (and a message), and no earlier search's results shown later. */
    view = { serial: ++serial, found: [], shown: [], marks: [], version: "" }
    ui.list.textContent = ""
    ui.more.hidden = true
    announce(text)
  }

  function typed() {
    /* A keystroke. Until the list shows results, each keystroke searches at once (one
       search at a time), so that the first result comes as soon as its files are in;
       then the search waits for a pause in the typing — a longer one when the keys come
       fast, so that a fast typist is not held up by lists of words half typed — and
       meanwhile the chunks of the words typed are loaded. */
    clearTimeout(timer)
    var query = ui.input.value.trim(), now = performance.now()
    var pause = now - lastKey < FAST_MS ? FAST_MS : DEBOUNCE_MS
    lastKey = now
    if (!view.shown.length && query.replace(/\s/g, "").length >= MIN_LENGTH) schedule()
    else timer = setTimeout(schedule, pause)
    prefetch(query)
  }

  function schedule() {
    /* A search at once when none is under way, else one search of what is typed by then
       when the one under way shows its first results: the first keystroke is answered at
       once, and fast typing starts a search per answer, not one per key. */
    if (running) { again = true; return }
    again = false
    /* A file that never arrives holds up the next search a second at most. */
    var late = new Promise(function (resolve) { setTimeout(resolve, WAIT_MS) })
    var done = Promise.race([run(), late])
    running = done.then(function () {
      running = null
      if (again) schedule()
    })
  }

  function run() {
    /* The search of what is typed; done (resolved) when its first results are shown or
       it has nothing to show. */
    var query = ui.input.value.trim()
    if (query.replace(/\s/g, "").length < MIN_LENGTH) saveState(query)
    if (!query) { clear(""); close(); return Promise.resolve() }
    if (query.replace(/\s/g, "").length < MIN_LENGTH) {
      /* One letter would load every part of the index for words that start with it. */
      clear("Skriv minst " + MIN_LENGTH + " tecken för att söka.")
      open()
      return Promise.resolve()
    }
    /* The panel opens with the first results (one layout, not two while typing). */
    return search(query).then(function (answer) {
      if (!answer) return
      var n = answer.results.length
      var chosen = FILTERS.map(filterValue).filter(Boolean)
      var narrowed = chosen.length ? " Filter: " + chosen.join(", ") + "." : ""
      var text = (n === 0 ? "Inga träffar för ”" + query + "”." :
                  (n === 1 ? "1 träff" : n + " träffar") + " för ”" + query + "”.") + narrowed
      var results = {
        serial: answer.serial, found: answer.results, shown: [], version: answer.head.version,
        marks: highlightWords(words(query), answer.config)
      }
      /* The count is announced, and the address changed, when the query's first results
         are on screen; while the list shows an earlier query's (a word being typed), it
         says nothing. */
      showMore(results).then(function (mine) {
        if (!mine || view !== results) return
        var current = ui.input.value.trim() === query
        announce(current ? text : "")
        if (current) saveState(query)
      }).catch(failed)
      return results.taken
    }).catch(failed)
  }

  function failed() {
    open()
    announce("Sökningen kunde inte laddas. Ladda om sidan och försök igen.")
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
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); schedule() })
    ui.input.addEventListener("input", typed)
    /* The entry and the options (a few kB) when the page is idle, or as soon as the box
       is approached, so that the first keystroke is answered from the first chunk. */
    ;["focus", "pointerdown", "pointerenter"].forEach(function (name) {
      ui.input.addEventListener(name, function () { load().catch(function () {}) })
    })
    ui.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !ui.panel.hidden) {
        var first = ui.list.querySelector("a")
        if (first) { event.preventDefault(); first.focus() }
      }
    })
    FILTERS.forEach(function (f) { ui.selects[f.key].addEventListener("change", schedule) })
    ui.more.addEventListener("click", function () {
      var before = view.shown.length
      var loading = showMore(view)
      ui.more.hidden = view.shown.length >= view.found.length
      loading.then(function () {
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
    if (params.get("q")) { ui.input.value = params.get("q"); schedule() }
    else whenIdle(function () { load().catch(function () {}) })
  }

  function whenIdle(task) {
    function later() {
      if (window.requestIdleCallback) requestIdleCallback(task, { timeout: 2000 })
      else setTimeout(task, 200)
    }
    if (document.readyState === "complete") later()
    else window.addEventListener("load", later)
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
