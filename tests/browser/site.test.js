// Checks the built site as a reader would, in Debian's headless Chromium driven by
// playwright-core: layout at phone and desktop widths (screenshots), axe-core, the bounce
// decoder, the jump box, the language switcher and the page-weight budget.
//
// Run through scripts/browser-tests.sh, which builds the site and sets SITE_DIR.
// UPDATE_SCREENSHOTS=1 also rewrites docs/screenshots/.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir, stat, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { REPLIES } from "./replies.js";
import { serve } from "./serve.js";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, "../..");
const siteDir = path.resolve(process.env.SITE_DIR || path.join(project, "target/browser-dist"));
const shotsDir = path.join(project, "target/browser-screenshots");
const docsShots = path.join(project, "docs/screenshots");
const axeSource = require.resolve("axe-core/axe.min.js");

/// What a pair page needs before it can be read, uncompressed: its HTML and stylesheets.
const RENDER_BUDGET = 30 * 1024;
/// Everything a pair page loads, uncompressed: HTML + CSS + JS (since the redesign, pair
/// and code pages also load the deferred lookup.js for the jump box, ~10 KB unminified).
const PAGE_BUDGET = 45 * 1024;

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server;
let browser;
let origin;

before(async () => {
  server = await serve(siteDir);
  origin = server.origin;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: LAUNCH_ARGS,
  });
  await mkdir(shotsDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// A page whose every request must go to our own server: anything else fails the test.
async function open(url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || "light",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const foreign = [];
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested.startsWith(origin)) return route.continue();
    foreign.push(requested);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    // A 404 page logs its own status; that is the point of it, not an error.
    const ownStatus = options.status === 404 && message.text().includes("status of 404");
    if (message.type() === "error" && !ownStatus) errors.push(message.text());
  });
  const response = await page.goto(origin + url, { waitUntil: "load" });
  assert.equal(response.status(), options.status || 200, url);
  return {
    page,
    response,
    async close() {
      assert.deepEqual(foreign, [], `third-party requests from ${url}`);
      assert.deepEqual(errors, [], `script errors on ${url}`);
      await context.close();
    },
  };
}

async function runAxe(page) {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    });
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      })),
      passes: result.passes.length,
    };
  });
}

// What the decoder shows, as data: each result's code, whether the site knows it, its
// link, its verdict (facts.next and, for class 4, facts.retry_helps, as data attributes),
// every link in it and its text; the pair links; the whole output's text.
function decoded(page) {
  return page.evaluate(() => {
    const output = document.querySelector("form[data-decoder] .decoded");
    const providers = [...output.querySelectorAll(".results > li.provider")].map((li) => ({
      id: li.dataset.provider,
      href: li.querySelector("p.name a")?.getAttribute("href") ?? null,
      marker: li.querySelector("p.practice")?.textContent ?? null,
      next: li.dataset.next ?? null,
      shown: {
        next: li.querySelector("dd.next")?.textContent ?? null,
        acts: li.querySelector("dd.acts")?.textContent ?? null,
        action: li.querySelector("p.action span")?.textContent ?? null,
      },
      links: [...li.querySelectorAll("a")].map((a) => a.getAttribute("href")),
    }));
    const items = [...output.querySelectorAll(".results > li:not(.provider)")].map((li) => ({
      code: li.dataset.code,
      known: li.classList.contains("found"),
      href: li.querySelector("p.name a")?.getAttribute("href") ?? null,
      next: li.dataset.next ?? null,
      retry: li.dataset.retry ?? null,
      shown: {
        next: li.querySelector("dd.next")?.textContent ?? null,
        retry: li.querySelector("dd.retry")?.textContent ?? null,
        acts: li.querySelector("dd.acts")?.textContent ?? null,
        action: li.querySelector("p.action span")?.textContent ?? null,
      },
      links: [...li.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      text: li.textContent,
    }));
    const pairs = [...output.querySelectorAll("a.pair")].map((a) => a.getAttribute("href"));
    return { items, providers, pairs, text: output.textContent };
  });
}

async function decode(page, text) {
  await page.fill("form[data-decoder] textarea", text);
  await page.click("form[data-decoder] button");
  await page.waitForSelector("form[data-decoder] .decoded .results, form[data-decoder] .decoded .none");
  return decoded(page);
}

// Pastes `text` and submits, timing with performance.now() in the page from the submit
// until the results are in the DOM: finding the codes and building their descriptions
// (the index is loaded first, so no fetch is timed). As after a real paste, the textarea
// is laid out before the clock starts: laying out a megabyte of text is the browser's
// cost of showing it (about 0.5 s here), paid when it is pasted, not the decoder's.
async function timedDecode(page, text) {
  await decode(page, "250 2.0.0 Ok"); // loads codes.json
  const ms = await page.evaluate(async (pasted) => {
    const form = document.querySelector("form[data-decoder]");
    const output = form.querySelector(".decoded");
    const textarea = form.querySelector("textarea");
    textarea.value = pasted;
    void textarea.scrollHeight; // lay it out
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (output.querySelector(".results, .none")) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(output, { childList: true, subtree: true });
    });
    const started = performance.now();
    form.requestSubmit();
    return (await done) - started;
  }, text);
  return { ms, ...(await decoded(page)) };
}

// The same pseudo-random bytes on every run (xorshift32), as a string of code units 0–255.
function junk(length, seed = 0x9e3779b9) {
  let x = seed >>> 0;
  const units = new Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    units[i] = String.fromCharCode(x & 0xff);
  }
  return units.join("");
}

// The three kinds of pair page, each checked to be what it claims.
const PAIRS = [
  // A hand-written comparison (content/pairs/550-vs-554.yaml): p.key, #tell-apart, sources.
  { kind: "handwritten", url: "/550-vs-554/" },
  // Generated, but the codes list each other in `related` (content/basic/221.yaml,
  // 421.yaml) and there is no file in content/pairs: indexed, with "What to do for each".
  { kind: "related", url: "/221-vs-421/" },
  // Generated for two unrelated codes: noindex, follow.
  { kind: "unrelated", url: "/211-vs-554/" },
];

// What the page says about itself: which kind of pair page it is and how its comparison
// table is laid out (every body row's cells, in page coordinates).
function pairLayout(page) {
  return page.evaluate(() => {
    const robots = document.querySelector('meta[name="robots"]')?.getAttribute("content") ?? null;
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right };
    };
    const table = document.querySelector("table.compare");
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) => ({
      differs: tr.classList.contains("differs"),
      tag: tr.querySelector("th[scope=row] span.tag")?.textContent ?? null,
      label: box(tr.querySelector("th[scope=row]")),
      cells: [...tr.querySelectorAll("td")].map((td) => ({ ...box(td), label: td.dataset.label })),
    }));
    return {
      robots,
      handwritten: !!document.querySelector("p.key") && !!document.querySelector("#tell-apart"),
      which: !!document.querySelector("#which"),
      codes: [...table.querySelectorAll("thead th[scope=col] a")].map((a) => a.textContent),
      theadVisible: table.tHead.getBoundingClientRect().height > 1,
      tableBottom: box(table).bottom,
      rows,
    };
  });
}

describe("pair pages at phone and desktop widths", () => {
  const widths = [
    { name: "mobile", width: 375, height: 812 },
    { name: "desktop", width: 1280, height: 900 },
  ];
  for (const { kind, url } of PAIRS) {
    for (const lang of ["en", "ja"]) {
      for (const scheme of ["light", "dark"]) {
        for (const size of widths) {
          test(`${kind} pair ${url} in ${lang}, ${size.width} px, ${scheme}`, async () => {
            const { page, close } = await open(`/${lang}${url}`, {
              viewport: { width: size.width, height: size.height },
              colorScheme: scheme,
            });
            // Nothing may force a phone reader to scroll sideways.
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth
            );
            assert.equal(overflow, 0, "horizontal overflow in px");

            const layout = await pairLayout(page);
            // The page is the kind it stands for.
            assert.equal(layout.handwritten, kind === "handwritten", "p.key and #tell-apart");
            assert.equal(layout.which, kind !== "handwritten", "#which");
            assert.equal(layout.robots, kind === "unrelated" ? "noindex, follow" : null, "robots meta");
            const [a, b] = url.slice(1, -1).split("-vs-");
            assert.deepEqual(layout.codes, [a, b], "the table's code columns");
            assert.ok(layout.rows.length >= 5, `${layout.rows.length} table rows`);
            assert.ok(
              layout.rows.some((row) => row.differs),
              "at least one row is marked as differing"
            );
            for (const row of layout.rows) {
              assert.equal(row.tag !== null, row.differs, "a differing row, and only one, carries the tag");
              assert.deepEqual(
                row.cells.map((cell) => cell.label),
                [a, b],
                "each cell is labelled with its code"
              );
            }

            if (size.name === "mobile") {
              // Stacked: the header row is hidden, the label comes first, then each code's
              // value below the previous one, each as wide as the row allows.
              assert.equal(layout.theadVisible, false, "thead is visually hidden at 375 px");
              for (const { label, cells } of layout.rows) {
                const [first, second] = cells;
                assert.ok(first.top >= label.bottom - 1, `first value below the row label: ${JSON.stringify({ label, first })}`);
                assert.ok(second.top >= first.bottom - 1, `second value below the first: ${JSON.stringify(cells)}`);
                assert.ok(
                  second.right - second.left > size.width * 0.7,
                  `a stacked value uses the width: ${second.right - second.left} px`
                );
                assert.ok(label.right - label.left > size.width * 0.7, "the row label uses the width");
              }
            } else {
              // Side by side: label, first code, second code on one line.
              assert.equal(layout.theadVisible, true, "thead is shown at 1280 px");
              for (const { label, cells } of layout.rows) {
                const [first, second] = cells;
                assert.ok(Math.abs(first.top - second.top) < 1, `cells share a top: ${JSON.stringify(cells)}`);
                assert.ok(Math.abs(label.top - first.top) < 1, "the label starts the row");
                assert.ok(first.left >= label.right - 1, "first value right of the label");
                assert.ok(second.left >= first.right - 1, `second value right of the first: ${JSON.stringify(cells)}`);
              }
            }

            const name = `pair-${kind}-${lang}-${size.name}-${scheme}.png`;
            await page.screenshot({ path: path.join(shotsDir, name), fullPage: true });
            if (process.env.UPDATE_SCREENSHOTS === "1") {
              // For the README: the top of the page down to the end of the comparison table
              // (at least one screenful).
              const height = Math.ceil(Math.max(size.height, layout.tableBottom + 24));
              await mkdir(docsShots, { recursive: true });
              await page.screenshot({
                path: path.join(docsShots, name),
                fullPage: true,
                clip: { x: 0, y: 0, width: size.width, height },
              });
            }
            await close();
          });
        }
      }
    }
  }
});

describe("axe-core finds no violations", () => {
  const pages = [
    ["en home", "/en/"],
    ["ja home", "/ja/"],
    ["en code page", "/en/550/"],
    ["ja code page", "/ja/5.7.1/"],
    ["hand-written pair page", "/en/550-vs-554/"],
    ["ja hand-written pair page", "/ja/550-vs-554/"],
    ["generated related pair page", "/en/221-vs-421/"],
    ["generated unrelated pair page", "/en/211-vs-554/"],
    ["ja generated pair page", "/ja/5.1.1-vs-5.7.1/"],
    ["hand-written pair page at 375 px (stacked table)", "/en/550-vs-554/", { width: 375, height: 812 }],
    ["ja generated pair page at 375 px (stacked table)", "/ja/221-vs-421/", { width: 375, height: 812 }],
    ["decoder", "/en/decoder/"],
    ["404", "/no/such/page/"],
  ];
  for (const scheme of ["light", "dark"]) {
    for (const [label, url, viewport] of pages) {
      test(`${label} (${scheme})`, async (t) => {
        const status = url.startsWith("/no/") ? 404 : 200;
        const { page, close } = await open(url, { colorScheme: scheme, status, viewport });
        if (url.includes("decoder")) {
          // Check the decoder's results too, not only the empty form.
          await decode(page, "550 5.4.1 Recipient address rejected: Access denied");
        }
        const { violations, passes } = await runAxe(page);
        t.diagnostic(`${url}: ${passes} rules passed, ${violations.length} violations`);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        await close();
      });
    }
  }
});

describe("bounce decoder", () => {
  test("a Gmail multi-line rejection: 550 and 5.7.26", async () => {
    const { page, close } = await open("/en/decoder/");
    const result = await decode(
      page,
      [
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated.",
        "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.",
        "550-5.7.26",
        "550-5.7.26  Authentication results:",
        "550-5.7.26  DKIM = did not pass",
        "550-5.7.26  SPF [example.com] with ip: [203.0.113.25] = did not pass",
        "550 5.7.26 https://support.google.com/mail/answer/81126 d2e1a72fcca58-70d1c - gsmtp",
      ].join("\n")
    );
    assert.deepEqual(
      result.items.map((i) => [i.code, i.known, i.href]),
      [
        ["550", true, "/en/550/"],
        ["5.7.26", true, "/en/5.7.26/"],
      ]
    );
    assert.match(result.items[0].text, /5xx Permanent Negative Completion/);
    assert.deepEqual(result.pairs, []);
    await close();
  });

  test("a Postfix delivery status notification with two recipients", async () => {
    const { page, close } = await open("/en/decoder/");
    const result = await decode(
      page,
      [
        "This is the mail system at host mail.example.com.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients.",
        "",
        "<bob@example.org>: host mx.example.org[203.0.113.5] said: 550 5.1.1",
        "    <bob@example.org>: Recipient address rejected: User unknown in virtual",
        "    mailbox table (in reply to RCPT TO command)",
        "",
        "Reporting-MTA: dns; mail.example.com",
        "Arrival-Date: Tue, 14 May 2024 10:21:07 +0900 (JST)",
        "",
        "Final-Recipient: rfc822; bob@example.org",
        "Action: failed",
        "Status: 5.1.1",
        "Remote-MTA: dns; mx.example.org",
        "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected",
        "",
        "Final-Recipient: rfc822; carol@example.net",
        "Action: failed",
        "Status: 5.7.1",
        "Diagnostic-Code: smtp; 554 5.7.1 <carol@example.net>: Relay access denied",
      ].join("\n")
    );
    assert.deepEqual(
      result.items.map((i) => [i.code, i.href]),
      [
        ["550", "/en/550/"],
        ["5.1.1", "/en/5.1.1/"],
        ["5.7.1", "/en/5.7.1/"],
        ["554", "/en/554/"],
      ]
    );
    assert.deepEqual(result.pairs, ["/en/550-vs-554/", "/en/5.1.1-vs-5.7.1/"]);
    // The links lead to real pages.
    for (const href of [...result.items.map((i) => i.href), ...result.pairs]) {
      const response = await page.request.get(origin + href);
      assert.equal(response.status(), 200, href);
    }
    await close();
  });

  test("a temporary Gmail deferral, in Japanese: 421 and 4.7.0", async () => {
    const { page, close } = await open("/ja/decoder/");
    const result = await decode(
      page,
      [
        "421-4.7.0 [203.0.113.7      15] Our system has detected an unusual rate of",
        "421-4.7.0 unsolicited mail originating from your IP address. To protect our",
        "421 4.7.0 Try again later, closing connection. (EHLO) s12-20020a05 - gsmtp",
      ].join("\n")
    );
    assert.deepEqual(
      result.items.map((i) => [i.code, i.href]),
      [
        ["421", "/ja/421/"],
        ["4.7.0", "/ja/4.7.0/"],
      ]
    );
    assert.match(result.items[0].text, /4xx 一時的否定完了/);
    assert.match(result.items[0].text, /[\u3040-\u30ff]/, "the summary is in Japanese");
    await close();
  });

  test("an unknown enhanced code gets its class and subject, not an error", async () => {
    const { page, close } = await open("/en/decoder/");
    // Postfix refusing a message that has looped through too many relays. (Exchange's
    // 5.4.1, used here before, is in the catalogue now.)
    const unknown = "5.4.0";
    const missing = await page.request.get(`${origin}/en/${unknown}/`);
    assert.equal(missing.status(), 404, `${unknown} has a page now: pick another code the catalogue lacks`);
    const result = await decode(page, `554 ${unknown} Error: too many hops`);
    assert.deepEqual(
      result.items.map((i) => [i.code, i.known]),
      [
        ["554", true],
        [unknown, false],
      ]
    );
    assert.match(result.items[1].text, /5\.4\.0 is not in this reference yet/);
    assert.match(result.items[1].text, /5\.X\.XXX Permanent Failure/);
    assert.match(result.items[1].text, /Network and Routing Status/);
    await close();
  });

  test("text without a code gets a hint", async () => {
    const { page, close } = await open("/en/decoder/");
    const result = await decode(page, "Your message could not be delivered. Server at 10.0.0.1 port 587.");
    assert.deepEqual(result.items, []);
    assert.match(result.text, /No SMTP code was found/);
    await close();
  });

  test("the home page has the decoder too", async () => {
    const { page, close } = await open("/ja/");
    const result = await decode(page, "550 5.1.1 User unknown");
    assert.deepEqual(
      result.items.map((i) => i.href),
      ["/ja/550/", "/ja/5.1.1/"]
    );
    await close();
  });

  test("without JavaScript the decoder page explains and links to the code list", async () => {
    const { page, close } = await open("/en/decoder/", { javaScriptEnabled: false });
    assert.equal(await page.isVisible("form[data-decoder]"), false);
    const note = page.locator("main p", { hasText: "needs JavaScript" });
    assert.equal(await note.isVisible(), true);
    const href = await note.locator("a").getAttribute("href");
    await page.click(`main a[href="${href}"] >> nth=0`);
    await page.waitForURL(origin + "/en/#basic");
    assert.ok((await page.locator("ul.codes li").count()) > 100);
    await close();
  });
});

describe("bounce decoder: realistic replies", () => {
  assert.ok(REPLIES.length >= 30, `${REPLIES.length} replies`);
  const checked = new Set();
  const unknownChecked = new Set();
  const indexes = new Map();

  for (const reply of REPLIES) {
    const lang = reply.lang || "en";
    test(`${reply.name} (${lang})`, async () => {
      const { page, close } = await open(`/${lang}/decoder/`);
      if (!indexes.has(lang)) {
        indexes.set(lang, await (await page.request.get(`${origin}/${lang}/codes.json`)).json());
      }
      const index = indexes.get(lang);
      const entries = index.providers || [];
      for (const id of reply.providers || []) {
        // A row must not pass by skipping: an entry it names has to be in the content.
        assert.ok(entries.some((p) => p.id === id), `${id} is listed in codes.json`);
      }
      const result = await decode(page, reply.text);
      assert.deepEqual(
        result.items.map((i) => [i.code, i.known ? i.next : null]),
        reply.codes,
        "the codes found, in order, with what happens to the mail"
      );
      assert.deepEqual(
        result.providers.map((p) => p.id),
        reply.providers || [],
        "the provider entries shown, in order"
      );
      for (const shown of result.providers) {
        const entry = entries.find((p) => p.id === shown.id);
        assert.equal(shown.href, entry.url, `${shown.id}: link to its page`);
        assert.equal(shown.marker, entry.folklore ? index.text.folklore : index.text.practice);
        assert.deepEqual(
          shown.shown,
          { next: index.facts.next[entry.next], acts: entry.acts, action: entry.action },
          `${shown.id}: verdict, who acts, what to do`
        );
      }
      for (const item of result.items) {
        if (item.known) {
          assert.equal(item.href, `/${lang}/${item.code}/`, `${item.code}: link to its page`);
          const retry = reply.retry?.[item.code] ?? null;
          assert.equal(item.retry, retry, `${item.code}: does a retry help`);
          // The verdict, who acts and what to do, in the words of the code's page.
          const entry = index.codes.find((c) => c.code === item.code);
          assert.deepEqual(
            item.shown,
            {
              next: index.facts.next[item.next],
              retry: retry && index.facts.retry[retry],
              acts: entry.acts,
              action: entry.action,
            },
            `${item.code}: verdict, who acts, what to do`
          );
          assert.ok(item.shown.next && item.shown.acts && item.shown.action.length > 20);
        } else {
          assert.equal(item.href, null, `${item.code} has no page to link`);
          if (!unknownChecked.has(item.code)) {
            const missing = await page.request.get(`${origin}/${lang}/${item.code}/`);
            assert.equal(missing.status(), 404, `${item.code} has a page now: change this row`);
            unknownChecked.add(item.code);
          }
        }
      }
      const pairs = reply.pairs.map((href) => href.replace(/^\/en\//, `/${lang}/`));
      assert.deepEqual(result.pairs, pairs, "pair links");
      for (const pattern of reply.says || []) assert.match(result.text, pattern);
      // Every link leads to a page that exists.
      const links = [
        ...result.items.flatMap((i) => i.links),
        ...result.providers.flatMap((p) => p.links),
        ...result.pairs,
      ];
      for (const href of links) {
        if (checked.has(href)) continue;
        const response = await page.request.get(origin + href);
        assert.equal(response.status(), 200, href);
        checked.add(href);
      }
      // Nothing pasted became markup: only the decoder's own elements, no handlers.
      const foreign = await page.$$eval("form[data-decoder] .decoded *", (nodes) =>
        nodes
          .filter((n) => !/^(UL|LI|P|A|SPAN|STRONG|DL|DT|DD)$/.test(n.tagName) || [...n.attributes].some((a) => /^on/i.test(a.name)))
          .map((n) => n.outerHTML)
      );
      assert.deepEqual(foreign, []);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, "no pasted script ran");
      await close();
    });
  }
});

describe("bounce decoder: every code, links, bad input", () => {
  test("recognizes every code the site has, plain, in DSN lines, after 「（：」 and full-width", async () => {
    for (const lang of ["en", "ja"]) {
      const { page, close } = await open(`/${lang}/decoder/`);
      const index = await (await page.request.get(`${origin}/${lang}/codes.json`)).json();
      assert.ok(index.codes.length > 150, `${index.codes.length} codes`);
      const wide = (text) => text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      const forms = [
        (c) => (c.includes(".") ? `Status: ${c}` : `${c} Requested action not taken`),
        (c) => `Diagnostic-Code: smtp; ${c} see the text`,
        (c) => `エラーコード：${wide(c)}（詳細は下記）`,
        (c) => `（${wide(c)}）`,
        (c) => `相手先サーバーの応答「${c}」`,
        (c) => `dsn=${c}, status=bounced`,
      ];
      const codes = index.codes.map((c) => c.code);
      // In batches under the decoder's limit of codes described at once.
      for (let start = 0; start < codes.length; start += 40) {
        const batch = codes.slice(start, start + 40);
        const text = batch.map((code, i) => forms[(start + i) % forms.length](code)).join("\n");
        const result = await decode(page, text);
        assert.deepEqual(
          result.items.map((i) => [i.code, i.known, i.href]),
          batch.map((code) => [code, true, index.codes.find((c) => c.code === code).url]),
          text
        );
      }
      await close();
    }
  });

  test("class and subject lines link to their pages, and only to pages codes.json lists", async () => {
    const { page, close } = await open("/en/decoder/");
    // The site has the 3 class and 8 subject pages of RFC 3463, and codes.json lists them…
    const index = await (await page.request.get(`${origin}/en/codes.json`)).json();
    const names = ["2.X.XXX", "4.X.XXX", "5.X.XXX"].concat([0, 1, 2, 3, 4, 5, 6, 7].map((s) => `X.${s}.XXX`));
    assert.deepEqual(index.pages, Object.fromEntries(names.map((n) => [n, `/en/${n}/`])));
    let result = await decode(page, "550 5.7.1 relaying denied\n599 5.9.9 odd\n4.7.0 later");
    assert.deepEqual(
      result.items.map((i) => [i.code, i.links]),
      [
        ["550", ["/en/550/"]],
        ["5.7.1", ["/en/5.7.1/", "/en/5.X.XXX/", "/en/X.7.XXX/"]],
        ["599", []],
        ["5.9.9", ["/en/5.X.XXX/"]],
        ["4.7.0", ["/en/4.7.0/", "/en/4.X.XXX/", "/en/X.7.XXX/"]],
      ]
    );
    for (const href of ["/en/5.X.XXX/", "/en/X.7.XXX/", "/en/4.X.XXX/"]) {
      const response = await page.request.get(`${origin}${href}`);
      assert.equal(response.status(), 200, href);
    }
    await close();
    // …and a page codes.json does not list is not linked.
    const listed = await open("/en/decoder/");
    await listed.page.route("**/en/codes.json", async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      json.pages = { "X.7.XXX": "/en/X.7.XXX/" };
      await route.fulfill({ response, json });
    });
    result = await decode(listed.page, "550 5.7.1 relaying denied\n599 5.9.9 odd");
    assert.deepEqual(
      result.items.map((i) => [i.code, i.links]),
      [
        ["550", ["/en/550/"]],
        ["5.7.1", ["/en/5.7.1/", "/en/X.7.XXX/"]],
        ["599", []],
        ["5.9.9", []],
      ]
    );
    await listed.close();
  });

  test("says that it runs in the browser, and sends nothing but the request for codes.json", async () => {
    for (const [lang, words] of [
      ["en", /runs entirely in your browser: nothing you paste is sent/],
      ["ja", /解析はすべてお使いのブラウザーの中で行われます/],
    ]) {
      const { page, close } = await open(`/${lang}/decoder/`);
      assert.match(await page.textContent("#bounce-private"), words);
      assert.equal(await page.isVisible("#bounce-private"), true);
      const requests = [];
      page.on("request", (request) => requests.push(request.url()));
      const secret = "550 5.1.1 <secret-recipient@example.org> unique-token-7f3a";
      await decode(page, secret);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(requests, [`${origin}/${lang}/codes.json`], "the only request");
      assert.equal(new URL(page.url()).search, "", "the form was not submitted");
      assert.ok(!requests.some((url) => url.includes("unique-token")));
      await close();
    }
  });

  test("100 KB, 1 MB and binary junk stay fast, and HTML stays text", async (t) => {
    const { page, close } = await open("/en/decoder/");
    // 100 KB of real bounces.
    let text = "";
    for (let i = 0; text.length < 100 * 1024; i++) text += REPLIES[i % REPLIES.length].text + "\n\n";
    const hundred = await timedDecode(page, text);
    t.diagnostic(`${text.length} characters of bounces: ${hundred.ms.toFixed(1)} ms, ${hundred.items.length} codes`);
    assert.ok(hundred.ms < 200, `100 KB took ${hundred.ms} ms`);
    const expected = [...new Set(REPLIES.flatMap((r) => r.codes.map(([code]) => code)))];
    assert.deepEqual(new Set(hundred.items.map((i) => i.code)), new Set(expected));

    // 1 MB: the bounces again, in a megabyte of log noise.
    const noise = "May 14 10:21:07 mail postfix/qmgr[812]: 4B1F2C0A12: removed, nrcpt=1 (queue active)\n";
    const mega = (text + noise.repeat(Math.ceil((1024 * 1024 - text.length) / noise.length))).slice(0, 1024 * 1024);
    const megabyte = await timedDecode(page, mega);
    t.diagnostic(`1 MB of bounces and log lines: ${megabyte.ms.toFixed(1)} ms`);
    assert.ok(megabyte.ms < 1000, `1 MB took ${megabyte.ms} ms`);

    // 1 MB of binary junk: whatever it finds, it answers, quickly, without an error.
    const binary = await timedDecode(page, junk(1024 * 1024));
    t.diagnostic(`1 MB of binary junk: ${binary.ms.toFixed(1)} ms, ${binary.items.length} codes`);
    assert.ok(binary.ms < 1000, `binary junk took ${binary.ms} ms`);
    assert.ok(binary.items.length > 0 || /No SMTP code was found/.test(binary.text));

    // More distinct codes than it describes: the first 50, and it says so.
    const many = Array.from({ length: 120 }, (_, i) => `5.${i % 8}.${100 + i} rejected`).join("\n");
    const capped = await decode(page, many);
    assert.equal(capped.items.length, 50);
    assert.match(capped.text, /Only the first 50 codes found are explained/);

    // Markup in the paste is shown as nothing but what the decoder writes itself.
    const hostile = await decode(
      page,
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">' +
        '<svg onload="window.__pwned = 3"></svg><iframe src="javascript:parent.__pwned = 4"></iframe>'
    );
    assert.deepEqual(hostile.items, []);
    assert.match(hostile.text, /No SMTP code was found/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator("form[data-decoder] .decoded :is(script, img, svg, iframe)").count(), 0);
    await close();
  });

  test("says so when nothing is recognized, in both languages", async () => {
    for (const [lang, text, words] of [
      ["en", "Your message could not be delivered. Server at 10.0.0.1 port 587, Exim 4.97.1.", /No SMTP code was found/],
      ["ja", "メールを配送できませんでした。サーバー 10.0.0.1 のポート 587 に接続できません。", /SMTP のコードが見つかりませんでした/],
      ["en", junk(4096, 7).replace(/[0-9]/g, "x"), /No SMTP code was found/],
    ]) {
      const { page, close } = await open(`/${lang}/decoder/`);
      const result = await decode(page, text);
      assert.deepEqual(result.items, []);
      assert.match(result.text, words);
      await close();
    }
  });

  test("results fit a 375 px phone screen", async () => {
    for (const lang of ["en", "ja"]) {
      const { page, close } = await open(`/${lang}/decoder/`, { viewport: { width: 375, height: 812 } });
      await decode(page, REPLIES.find((r) => r.name.startsWith("Microsoft 365 SMTP AUTH")).text + "\n421 4.7.28 slow down");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      assert.equal(overflow, 0, "horizontal overflow in px");
      await close();
    }
  });
});

describe("jump to a code", () => {
  test("typing 55 suggests 550 to 555, arrows pick one, Enter opens it", async () => {
    const { page, close } = await open("/en/");
    await page.fill("#jump-input", "55");
    await page.waitForSelector("#jump-list:not([hidden]) [role=option]");
    const options = await page.$$eval("#jump-list [role=option] .num", (nodes) => nodes.map((n) => n.textContent));
    for (const code of ["550", "551", "552", "553", "554", "555"]) assert.ok(options.includes(code), code);
    assert.ok(options.every((code) => code.startsWith("55")), options.join(" "));
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.getAttribute("#jump-input", "aria-activedescendant"), "jump-option-1");
    await page.keyboard.press("Enter");
    await page.waitForURL(origin + "/en/551/");
    await close();
  });

  test("the 404 page offers the jump box and the code lists", async () => {
    const { page, close } = await open("/en/559/", { status: 404 });
    assert.ok((await page.locator("main ul.codes a").count()) > 100);
    await page.fill("#jump-input", "571");
    await page.waitForSelector("#jump-list:not([hidden]) [role=option]");
    await page.press("#jump-input", "Enter");
    await page.waitForURL(origin + "/en/5.7.1/");
    await close();
  });

  test("the 404 page speaks the language of the path it was asked for", async () => {
    const { page, close } = await open("/ja/559/", { status: 404 });
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    assert.equal(await page.textContent("main h1"), "ページが見つかりません");
    assert.equal(await page.textContent("form[data-jump] label"), "コードへ移動");
    await page.fill("#jump-input", "571");
    await page.waitForSelector("#jump-list:not([hidden]) [role=option]");
    await page.press("#jump-input", "Enter");
    await page.waitForURL(origin + "/ja/5.7.1/");
    await close();
    // Anything else, and without a script, the page stays English.
    const english = await open("/no/such/page/", { status: 404 });
    assert.equal(await english.page.getAttribute("html", "lang"), "en");
    assert.equal(await english.page.textContent("main h1"), "Page not found");
    await english.close();
  });

  test("a code that does not exist is said so", async () => {
    const { page, close } = await open("/ja/");
    await page.fill("#jump-input", "59");
    await page.press("#jump-input", "Enter");
    await page.waitForSelector("form[data-jump] .message:not(:empty)");
    assert.match(await page.textContent("form[data-jump] .message"), /59 で始まるコードはありません/);
    assert.equal(new URL(page.url()).pathname, "/ja/");
    await close();
  });
});

describe("language switcher", () => {
  for (const [from, to, url] of [
    ["en", "ja", "/251-vs-521/"],
    ["ja", "en", "/5.1.1/"],
    ["en", "ja", "/decoder/"],
    ["ja", "en", "/"],
  ]) {
    test(`${from} → ${to} on ${url}`, async () => {
      const { page, close } = await open(`/${from}${url}`);
      await page.click(`nav.languages a[hreflang=${to}]`);
      await page.waitForURL(origin + `/${to}${url}`);
      assert.equal(await page.getAttribute("html", "lang"), to);
      await close();
    });
  }
});

describe("page weight", () => {
  async function files(dir) {
    const out = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) out.push(...(await files(full)));
      else out.push(full);
    }
    return out;
  }

  // The stylesheets and scripts a page loads (attributes in any order, quoted or not, as
  // the minifier leaves them).
  function assetsOf(html) {
    const out = [];
    for (const [tag, name] of html.matchAll(/<(link|script)\b[^>]*>/g)) {
      const wanted = name === "link" ? /\brel=["']?stylesheet\b/.test(tag) : true;
      const url = tag.match(name === "link" ? /\bhref=["']?([^"' >]+)/ : /\bsrc=["']?([^"' >]+)/);
      if (wanted && url) out.push(url[1]);
    }
    return out;
  }

  // Every pair page: its HTML plus every stylesheet and script it references.
  test("every pair page is under 30 KB of HTML + CSS and 45 KB of HTML + CSS + JS", async (t) => {
    const pairs = (await files(siteDir)).filter((f) => /-vs-[^/]+\/index\.html$/.test(f));
    assert.ok(pairs.length > 1000, `${pairs.length} pair pages`);
    const assetSizes = new Map();
    const weights = [];
    for (const file of pairs) {
      const html = await readFile(file, "utf8");
      let render = Buffer.byteLength(html);
      let scripts = 0;
      const assets = assetsOf(html);
      assert.ok(assets.includes("/style.css"), `${file} has no stylesheet?`);
      assert.ok(assets.includes("/lookup.js"), `${file} does not load lookup.js?`);
      for (const href of assets) {
        if (!assetSizes.has(href)) assetSizes.set(href, (await stat(path.join(siteDir, href))).size);
        if (href.endsWith(".js")) scripts += assetSizes.get(href);
        else render += assetSizes.get(href);
      }
      weights.push({ total: render + scripts, render, page: path.relative(siteDir, file) });
    }
    weights.sort((a, b) => a.total - b.total);
    const heaviest = weights[weights.length - 1];
    const median = weights[Math.floor(weights.length / 2)];
    const maxRender = Math.max(...weights.map((w) => w.render));
    t.diagnostic(
      `${weights.length} pair pages: HTML + CSS + JS median ${median.total} B, max ${heaviest.total} B ` +
        `(${heaviest.page}); HTML + CSS max ${maxRender} B; assets ${JSON.stringify([...assetSizes])}`
    );
    assert.ok(maxRender < RENDER_BUDGET, `HTML + CSS: ${maxRender} B`);
    assert.ok(heaviest.total < PAGE_BUDGET, `${heaviest.page} weighs ${heaviest.total} B`);
  });

  // The same budgets as the browser sees them: every response the page loads, decoded.
  test("pair pages load under the budgets in the browser", async (t) => {
    for (const url of ["/en/550-vs-554/", "/ja/550-vs-554/", "/ja/221-vs-421/", "/ja/5.1.1-vs-5.7.1/"]) {
      const { page, close } = await open(url);
      // lookup.js is deferred: wait until it has run.
      await page.waitForLoadState("load");
      const entries = await page.evaluate(() =>
        [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
          name: new URL(e.name).pathname,
          type: e.initiatorType,
          size: e.decodedBodySize,
        }))
      );
      const total = entries.reduce((sum, e) => sum + e.size, 0);
      const render = entries.filter((e) => e.type !== "script").reduce((sum, e) => sum + e.size, 0);
      t.diagnostic(`${url}: ${total} B in ${entries.length} responses (${render} B without scripts)`);
      assert.ok(
        entries.some((e) => e.name === "/lookup.js" && e.size > 0),
        `lookup.js is loaded and counted: ${JSON.stringify(entries)}`
      );
      assert.ok(render > 0 && render < RENDER_BUDGET, `${url}: ${render} B of HTML + CSS`);
      assert.ok(total < PAGE_BUDGET, `${url}: ${total} B`);
      await close();
    }
  });
});
