// The reader's lookup tools, as progressive enhancement: the bounce decoder and the jump
// box. No dependencies, no third-party requests: both read /{lang}/codes.json, written by
// the generator, and that is the only request they make; what is pasted into the decoder
// never leaves the page. Without JavaScript their forms stay hidden and the pages link to
// the lists.
(function () {
  "use strict";

  var indexes = {};

  // Fetches an index once per page, however many widgets use it.
  function loadIndex(url) {
    if (!indexes[url]) {
      indexes[url] = fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(url + ": " + response.status);
          return response.json();
        })
        .then(function (index) {
          index.byCode = {};
          index.codes.forEach(function (entry, order) {
            entry.order = order;
            index.byCode[entry.code] = entry;
          });
          index.providers = index.providers || [];
          return index;
        });
    }
    return indexes[url];
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] != null) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  // ---- Finding codes in a pasted reply or bounce ----------------------------------------

  // Pasted text is read in its NFKC form first: the full-width digits, full stops, colons,
  // brackets and ideographic spaces of Japanese text (「：５５０　５．１．１」) become ASCII.
  function normalize(text) {
    return typeof text.normalize === "function" ? text.normalize("NFKC") : text;
  }

  // A basic code: three digits from 200 to 599 standing alone. Before it: a line start, a
  // space, punctuation that opens or separates (also the ">" of pasted HTML, "<b>550"),
  // any non-ASCII character (「550」, コード550) or a colon that follows none of a letter,
  // digit, dot, colon or bracket (応答:550, not host:587, [192.0.2.1]:465 or the IPv6
  // address ::250). After it: a space, the hyphen of a multi-line reply ("550-5.7.26"), a
  // bracket or other punctuation ("550（…）" is "550(…)" once normalized), a non-ASCII
  // character or the line end; not a dot, so "550.5 KB" is no code.
  var BASIC = /(?<=^|[\s;#(<>"'[=,]|[^\x00-\x7f]|(?:^|[\s(]|[^\x00-\x7f]):)[2-5]\d\d(?=[\s\-:,;()[\]"'<>]|[^\x00-\x7f]|$)/gm;
  // An enhanced code: class.subject.detail with class 2, 4 or 5 and numbers of up to
  // three digits without leading zeros (5.7.1, 5.1.10, 5.7.509), not part of a longer
  // dotted number such as an IP address (4.2.2.2) or a version.
  var ENHANCED = /(?<![\w.])[245]\.(?:0|[1-9]\d{0,2})\.(?:0|[1-9]\d{0,2})(?!\w|\.\d)/gm;
  // Numbers that look like codes but follow a word on the same line saying they are not
  // one: a port ("port 587", "ポート 587"), a version ("Exim 4.97.1", "version 2.6.4").
  var NOT_A_CODE = /(?:\bport|ポート|\bexim|\bpostfix|\bsendmail|\bversion|\bver\.?)[ \t:=#]*$/i;

  // The distinct codes of `text`, in the order they first appear.
  function findCodes(text) {
    var found = [];
    var seen = {};
    [["basic", BASIC], ["enhanced", ENHANCED]].forEach(function (pair) {
      var pattern = pair[1];
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        var code = match[0];
        // Each pattern reads left to right: a code's first match is its first appearance.
        if (seen[code] || NOT_A_CODE.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
        seen[code] = true;
        found.push({ family: pair[0], code: code, at: match.index });
      }
    });
    return found.sort(function (a, b) {
      return a.at - b.at;
    });
  }

  // ---- Provider entries: codes that providers define, not standards ---------------------

  // The numbers of an enhanced code ("5.7.606" → [5, 7, 606]).
  function numbers(code) {
    return code.split(".").map(Number);
  }

  // Whether the provider entry `entry` stands for the code `found` (an item of findCodes):
  // the same code, or an enhanced code inside its range.
  function providerMatches(entry, found) {
    if (entry.match === "exact") return entry.code === found.code;
    if (entry.match !== "range" || found.family !== "enhanced") return false;
    var code = numbers(found.code);
    var low = numbers(entry.low);
    var high = numbers(entry.high);
    return code[0] === low[0] && code[1] === low[1] && code[2] >= low[2] && code[2] <= high[2];
  }

  // Where a provider's token (TSS04, TS01) stands as a whole word in `text`, or -1.
  function tokenAt(token, text) {
    var at = text.indexOf(token);
    while (at >= 0) {
      var before = at > 0 ? text.charAt(at - 1) : "";
      var after = text.charAt(at + token.length);
      if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return at;
      at = text.indexOf(token, at + 1);
    }
    return -1;
  }

  // The provider entries of `text`: those whose token it holds, and those that stand for
  // one of the codes `items` found there. Each comes with the position it was found at and
  // the found code it explains (if any).
  function findProviders(index, text, items) {
    var found = [];
    var lower = text.toLowerCase();
    // An entry for a code that has its own page (Gmail's 4.7.0) is the provider's reading
    // of a standard code: shown only for a reply that names the provider (gsmtp, its domain).
    function fromProvider(entry, item) {
      var page = index.byCode[item.code];
      if (!page || page.family !== item.family) return true;
      return (entry.marks || []).some(function (mark) { return lower.indexOf(mark) >= 0; });
    }
    index.providers.forEach(function (entry) {
      if (entry.match === "token") {
        var at = tokenAt(entry.code, text);
        if (at >= 0) found.push({ provider: entry, at: at, explains: null });
        return;
      }
      for (var i = 0; i < items.length; i++) {
        if (providerMatches(entry, items[i]) && fromProvider(entry, items[i])) {
          found.push({ provider: entry, at: items[i].at, explains: items[i].code });
          return;
        }
      }
    });
    return found;
  }

  // A provider entry: its provider, code and name, marked as provider practice (or as a
  // code nobody defines), what it means, the verdict and what to do.
  function describeProvider(index, entry) {
    var link = element("a", { href: entry.url }, [
      element("span", { class: "provider", lang: entry.providerLang }, [entry.provider]),
      " ",
      element("span", { class: "num" }, [entry.code]),
      " ",
      element("span", { lang: entry.lang }, [entry.name]),
    ]);
    var marker = entry.folklore ? index.text.folklore : index.text.practice;
    return element("li", { class: "provider", "data-provider": entry.id, "data-next": entry.next, "data-retry": entry.retry }, [
      element("p", { class: "name" }, [link]),
      element("p", { class: "practice" }, [element("strong", {}, [marker])]),
      element("p", { lang: entry.lang }, [entry.summary]),
      verdict(index, entry),
      actionLine(index, entry),
    ]);
  }

  // The page of a class (5.X.XXX) or subject (X.7.XXX), when the site has one.
  function pageOf(index, name) {
    var entry = index.byCode[name];
    return (index.pages && index.pages[name]) || (entry && entry.url) || null;
  }

  // A label, linked to its page when the site has one.
  function linked(index, label, page) {
    var href = page && pageOf(index, page);
    return href ? element("a", { href: href }, [label]) : label;
  }

  // The class label of `code`, linked to its class page if there is one.
  function classOf(index, family, code) {
    var label = (index.classes[family] || {})[code.charAt(0)];
    return label && linked(index, label, family === "enhanced" ? code.charAt(0) + ".X.XXX" : null);
  }

  // For an enhanced code, "Subject: Security or Policy Status" (linked); else nothing.
  function subjectLines(index, family, code) {
    if (family !== "enhanced") return [];
    var subject = code.split(".")[1];
    var label = index.subjects[subject] || index.subjects.other;
    return [element("p", { class: "class" }, [index.text.subject + ": ", linked(index, label, "X." + subject + ".XXX")])];
  }

  // What happens to the mail, whether a retry helps and who acts, as the code page says.
  function verdict(index, entry) {
    var rows = [[index.text.next, index.facts.next[entry.next], "next"]];
    if (entry.retry) rows.push([index.text.retry, index.facts.retry[entry.retry], "retry"]);
    rows.push([index.text.acts, entry.acts, "acts"]);
    var list = element("dl", { class: "facts" });
    rows.forEach(function (row) {
      list.append(element("dt", {}, [row[0]]), element("dd", { class: row[2] }, [row[1]]));
    });
    return list;
  }

  // "What to do: …", in the language of the action.
  function actionLine(index, entry) {
    return element("p", { class: "action" }, [
      element("strong", {}, [index.text.action]),
      ": ",
      element("span", { lang: entry.actionLang }, [entry.action]),
    ]);
  }

  function describeKnown(index, entry) {
    var link = element("a", { href: entry.url, lang: entry.lang }, [
      element("span", { class: "num" }, [entry.code]),
      " " + entry.name,
    ]);
    var item = element("li", { class: "found", "data-code": entry.code, "data-next": entry.next, "data-retry": entry.retry }, [
      element("p", { class: "name" }, [link]),
      element("p", { class: "class" }, [index.text.class + ": ", classOf(index, entry.family, entry.code)]),
    ]);
    item.append.apply(item, subjectLines(index, entry.family, entry.code));
    item.append(
      element("p", { lang: entry.lang }, [entry.summary]),
      verdict(index, entry),
      actionLine(index, entry)
    );
    return item;
  }

  // A code the site has no page for: what its digits still tell (RFC 5321 §4.2.1 for the
  // first digit of a basic code, RFC 3463 §3 for the class and subject of an enhanced one).
  function describeUnknown(index, item) {
    var children = [element("p", { class: "name" }, [fill(index.text.unknown, { code: item.code })])];
    var classLabel = classOf(index, item.family, item.code);
    if (classLabel) {
      var sentence = index.text.unknownClass.split("{class}");
      children.push(element("p", { class: "class" }, [sentence[0], classLabel, sentence.slice(1).join("")]));
    }
    children.push.apply(children, subjectLines(index, item.family, item.code));
    return element("li", { class: "unknown", "data-code": item.code }, children);
  }

  // Links to the pair page of every two known codes of the same family that were found
  // (the first four of each family: a longer list would not help anyone).
  function pairLinks(index, known) {
    var links = [];
    var perFamily = {};
    var shown = known.filter(function (entry) {
      perFamily[entry.family] = (perFamily[entry.family] || 0) + 1;
      return perFamily[entry.family] <= 4;
    });
    shown.forEach(function (a, i) {
      shown.slice(i + 1).forEach(function (b) {
        if (a.family !== b.family) return;
        var first = a.order < b.order ? a : b;
        var second = first === a ? b : a;
        var href = fill(index.pair, { a: first.code, b: second.code });
        links.push(
          element("a", { href: href, class: "pair" }, [
            fill(index.text.pair, { a: first.code, b: second.code }),
          ])
        );
      });
    });
    return links;
  }

  // Finds the codes of `text` and describes each in `output`, built node by node from
  // text: nothing pasted is ever parsed as HTML.
  function decode(index, text, output) {
    var normalized = normalize(String(text));
    var items = findCodes(normalized);
    var providers = findProviders(index, normalized, items);
    output.replaceChildren();
    if (items.length === 0 && providers.length === 0) {
      output.append(element("p", { class: "none" }, [index.text.none]));
      return;
    }
    var max = index.max || 50;
    var known = [];
    var list = element("ul", { class: "results", "aria-label": index.text.results });
    // Provider entries are listed where their code or token was found, after the standard
    // code they explain; a code the site has no page for but a provider entry explains
    // (5.7.606, a bare 571) is shown by that entry alone.
    var explained = {};
    providers.forEach(function (found) {
      if (found.explains) explained[found.explains] = true;
    });
    var rows = items.slice(0, max).map(function (item) {
      return { at: item.at, order: 0, item: item };
    });
    providers.forEach(function (found) {
      rows.push({ at: found.at, order: 1, provider: found.provider });
    });
    rows.sort(function (a, b) {
      return a.at - b.at || a.order - b.order;
    });
    rows.forEach(function (row) {
      if (row.provider) {
        list.append(describeProvider(index, row.provider));
        return;
      }
      var item = row.item;
      var entry = index.byCode[item.code];
      if (entry && entry.family === item.family) {
        known.push(entry);
        list.append(describeKnown(index, entry));
      } else if (!explained[item.code]) {
        list.append(describeUnknown(index, item));
      }
    });
    output.append(list);
    if (items.length > max) output.append(element("p", { class: "more" }, [index.text.more]));
    var pairs = pairLinks(index, known);
    if (pairs.length > 0) {
      var paragraph = element("p", { class: "pairs" }, [index.text.compare + " "]);
      pairs.forEach(function (link, i) {
        if (i > 0) paragraph.append(", ");
        paragraph.append(link);
      });
      output.append(paragraph);
    }
  }

  function setUpDecoder(form) {
    var textarea = form.querySelector("textarea");
    var output = form.querySelector(".decoded");
    var url = form.getAttribute("data-index");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      output.textContent = form.getAttribute("data-loading") || "";
      loadIndex(url).then(
        function (index) {
          decode(index, textarea.value, output);
        },
        function () {
          output.textContent = form.getAttribute("data-failed") || "";
        }
      );
    });
    // Start loading as soon as the reader shows interest, so Explain answers at once.
    form.addEventListener("focusin", function () {
      loadIndex(url).catch(function () {});
    });
  }

  // ---- Jump to a code ---------------------------------------------------------------------

  var MAX_SUGGESTIONS = 10;

  // Codes starting with what was typed ("55" → 550…556); without a dot, also codes whose
  // digits start with it when nothing else does ("571" → 5.7.1).
  function suggestions(index, typed) {
    var query = typed.trim();
    if (!query) return [];
    var direct = index.codes.filter(function (entry) {
      return entry.code.indexOf(query) === 0;
    });
    if (direct.length === 0 && query.indexOf(".") < 0) {
      direct = index.codes.filter(function (entry) {
        return entry.code.replace(/\./g, "").indexOf(query) === 0;
      });
    }
    return direct.slice(0, MAX_SUGGESTIONS);
  }

  function setUpJump(form) {
    var input = form.querySelector("input");
    var list = form.querySelector("[role=listbox]");
    var message = form.querySelector(".message");
    var url = form.getAttribute("data-index");
    var current = [];
    var active = -1;
    form.hidden = false;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(position) {
      active = position;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active >= 0) input.setAttribute("aria-activedescendant", list.children[active].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function show(index) {
      current = suggestions(index, input.value);
      list.replaceChildren();
      message.textContent = "";
      if (current.length === 0) {
        close();
        if (input.value.trim()) message.textContent = fill(index.text.jumpNone, { query: input.value.trim() });
        return;
      }
      current.forEach(function (entry, i) {
        var option = element("li", { id: "jump-option-" + i, role: "option", "aria-selected": "false", "data-href": entry.url }, [
          element("span", { class: "num" }, [entry.code]),
          " ",
          element("span", { lang: entry.lang }, [entry.name]),
        ]);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input until we navigate
        });
        option.addEventListener("click", function () {
          window.location.href = entry.url;
        });
        list.append(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }

    input.addEventListener("focus", function () {
      loadIndex(url).catch(function () {});
    });
    input.addEventListener("input", function () {
      loadIndex(url).then(show, close);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden || current.length === 0) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % current.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? current.length - 1 : active - 1);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      loadIndex(url).then(function (index) {
        var typed = input.value.trim();
        var exact = index.byCode[typed];
        var choices = suggestions(index, typed);
        var target = exact || (active >= 0 && current[active]) || choices[0];
        if (target) {
          window.location.href = target.url;
        } else if (typed) {
          message.textContent = fill(index.text.jumpNone, { query: typed });
        }
      });
    });
  }

  // GitHub Pages serves the one 404.html for every missing path: show its message in the
  // language of the path's first segment (/ja/…), when the page carries that language.
  function localizeNotFound() {
    var holder = document.querySelector("[data-not-found]");
    if (!holder) return;
    var base = holder.getAttribute("data-base") || "";
    var path = window.location.pathname;
    if (base && path.indexOf(base + "/") === 0) path = path.slice(base.length);
    var lang = path.split("/")[1] || "";
    if (!/^[A-Za-z0-9-]+$/.test(lang)) return;
    var template = document.querySelector('template[data-locale="' + lang + '"]');
    if (!template) return;
    holder.replaceChildren(template.content.cloneNode(true));
    document.documentElement.lang = lang;
    document.title = template.getAttribute("data-title") || document.title;
    var jump = document.querySelector("form[data-jump]");
    if (!jump) return;
    var words = [
      ["label", "data-jump-label"],
      ["button", "data-jump-button"],
      [".hint", "data-jump-hint"]
    ];
    words.forEach(function (pair) {
      var target = jump.querySelector(pair[0]);
      if (target) target.textContent = template.getAttribute(pair[1]) || target.textContent;
    });
    var list = jump.querySelector(".suggestions");
    if (list) list.setAttribute("aria-label", template.getAttribute("data-jump-label") || "");
    jump.setAttribute("data-index", template.getAttribute("data-index") || jump.getAttribute("data-index"));
  }

  localizeNotFound();
  document.querySelectorAll("form[data-decoder]").forEach(setUpDecoder);
  document.querySelectorAll("form[data-jump]").forEach(setUpJump);
})();
