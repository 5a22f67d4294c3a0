// The reader's lookup tools, as progressive enhancement: the bounce decoder and the jump
// box. No dependencies, no third-party requests: both read /{lang}/codes.json, written by
// the generator. Without JavaScript their forms stay hidden and the pages link to the lists.
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

  // A basic code: three digits from 200 to 599 standing alone (not inside an address, a
  // number or a port: nothing but a line start, space or opening punctuation before it),
  // followed by a space, the hyphen of a multi-line reply ("550-5.7.26") or the line end.
  var BASIC = /(^|[\s;#(<"'[])([2-5]\d\d)(?=[ \t-]|$)/gm;
  // An enhanced code: class.subject.detail with class 2, 4 or 5, not part of a longer
  // dotted number such as an IP address (4.2.2.2) or a version.
  var ENHANCED = /(^|[^\w.])([245]\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)/gm;

  // The distinct codes of `text`, in the order they first appear.
  function findCodes(text) {
    var found = [];
    [["basic", BASIC], ["enhanced", ENHANCED]].forEach(function (pair) {
      var pattern = pair[1];
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        found.push({ family: pair[0], code: match[2], at: match.index + match[1].length });
      }
    });
    found.sort(function (a, b) {
      return a.at - b.at;
    });
    var seen = {};
    return found.filter(function (item) {
      if (seen[item.code]) return false;
      seen[item.code] = true;
      return true;
    });
  }

  function describeKnown(index, entry) {
    var link = element("a", { href: entry.url, lang: entry.lang }, [
      element("span", { class: "num" }, [entry.code]),
      " " + entry.name,
    ]);
    return element("li", { class: "found", "data-code": entry.code }, [
      element("p", { class: "name" }, [link]),
      element("p", { class: "class" }, [index.text.class + ": " + entry.class]),
      element("p", { lang: entry.lang }, [entry.summary]),
    ]);
  }

  function describeUnknown(index, item) {
    var digits = item.code.split(".");
    var classLabel = (index.classes[item.family] || {})[digits[0]];
    var children = [element("p", { class: "name" }, [fill(index.text.unknown, { code: item.code })])];
    if (classLabel) {
      children.push(element("p", {}, [fill(index.text.unknownClass, { class: classLabel })]));
    }
    if (item.family === "enhanced") {
      var subject = index.subjects[digits[1]] || index.subjects.other;
      children.push(element("p", {}, [index.text.subject + ": " + subject]));
    }
    return element("li", { class: "unknown", "data-code": item.code }, children);
  }

  // Links to the pair page of every two known codes of the same family that were found.
  function pairLinks(index, known) {
    var links = [];
    known.forEach(function (a, i) {
      known.slice(i + 1).forEach(function (b) {
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

  function decode(index, text, output) {
    var items = findCodes(text);
    output.replaceChildren();
    if (items.length === 0) {
      output.append(element("p", { class: "none" }, [index.text.none]));
      return;
    }
    var known = [];
    var list = element("ul", { class: "results", "aria-label": index.text.results });
    items.forEach(function (item) {
      var entry = index.byCode[item.code];
      if (entry) {
        known.push(entry);
        list.append(describeKnown(index, entry));
      } else {
        list.append(describeUnknown(index, item));
      }
    });
    output.append(list);
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
