// Opens the HTML results page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; Playwright never downloads a browser) and checks what issue 16 asks:
// no console error, no network request, the ranking rows and a unit section present,
// sorting and the search box working, the page readable without scripts, and the
// print-to-PDF output with each group on its own pages, and every text at a contrast of at
// least 4.5:1 with what is behind it. Writes the screenshots and the PDF.
//
//   node check.mjs PAGE.html OUT_DIR [SCREENSHOT_DIR]
//
// Exits 1 with one line per failed check.

import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pagePath, outDir, shotDir] = process.argv.slice(2);
if (!pagePath || !outDir) {
  console.error("usage: node check.mjs PAGE.html OUT_DIR [SCREENSHOT_DIR]");
  process.exit(2);
}
const url = pathToFileURL(resolve(pagePath)).href;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const failures = [];
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

const profile = mkdtempSync(join(tmpdir(), "cchc-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath, headless: true, args: FLAGS,
  viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1,
});
const errors = [];
const requests = [];
// Every request but the page itself is counted, then refused.
await context.route("**/*", (route) => {
  if (route.request().url() === url) return route.continue();
  requests.push(route.request().url());
  return route.abort();
});
context.on("request", (r) => { if (r.url() !== url && !requests.includes(r.url())) requests.push(r.url()); });
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  await content(page);
  await contrast(page);
  await sorting(page);
  await search(page);
  await screenshots(page);
  await printed(page);
  await phone(context);
  check(errors.length === 0, `no console error or warning${errors.length ? ": " + errors.join(" | ") : ""}`);
  check(requests.length === 0, `no network request${requests.length ? ": " + requests.join(", ") : ""}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
await withoutScripts();
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("all browser checks passed");

async function content(page) {
  check((await page.getAttribute("html", "lang")) === "vi", 'html lang="vi"');
  const head = await page.locator("header.doc").innerText();
  check(head.includes("UBND TỈNH CÀ MAU") && head.includes("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "the head names the authority beside the national motto");
  check(head.includes("Cà Mau, ngày 15 tháng 12 năm 2026"), "the head has the place-and-date line");
  check(head.includes("(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 12 năm 2026)") && head.includes("Căn cứ Quyết định số 0000/QĐ-UBND"),
    "the head names the results decision and, as \"Căn cứ\", the criteria decision");
  const rows = await page.locator("table.ranking tbody tr").count();
  check(rows === 25, `25 ranking rows (20 sở, ban, ngành + 5 central agencies), found ${rows}`);
  const unit = page.locator("section.unit#SO-TTHCC");
  check((await unit.count()) === 1, "the unit section #SO-TTHCC is present");
  const text = await unit.innerText();
  check(text.includes("Trung tâm Phục vụ hành chính công tỉnh"), "the unit section names the unit");
  check(/Điểm tối đa áp dụng\s*93,00/.test(text), "the unit section shows its maximum after KAD (93,00)");
  check(/Chỉ số chưa làm tròn\s*100 × 81,67 \/ 93 = 87,817/.test(text), "the unit section shows how its index was derived");
  const link = page.locator('table.ranking a[href="#SO-TTHCC"]');
  check((await link.count()) === 1, "the ranking links to the unit's section");
  check((await page.locator("figure svg").count()) >= 2, "a chart per group");
  const tools = page.locator("#cchc\\.tim");
  check(await tools.isVisible(), "the search box is shown when scripts run");
}

/** Every visible text (HTML and SVG) against its background: contrast ≥ 4.5:1. */
async function contrast(page) {
  const [checked, bad] = await page.evaluate(() => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c || "");
      if (!m) return null;
      const v = m[1].split(",").map(Number);
      return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
    const white = { r: 255, g: 255, b: 255, a: 1 };
    const behind = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) return c;
      }
      return white;
    };
    const bad = [];
    let checked = 0;
    const seen = new Set();
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const el = walk.currentNode.parentElement;
      if (!walk.currentNode.textContent.trim() || seen.has(el) || el.closest("svg, script, .sr, .skip")) continue;
      seen.add(el);
      if (!el.getClientRects().length) continue;
      const r = ratio(parse(getComputedStyle(el).color), behind(el));
      checked++;
      if (r < 4.5) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${r.toFixed(2)}`);
    }
    for (const t of document.querySelectorAll("svg text")) {
      const back = t.classList.contains("in") ? parse(getComputedStyle(t.previousElementSibling).fill) : white;
      const r = ratio(parse(getComputedStyle(t).fill), back);
      checked++;
      if (r < 4.5) bad.push(`svg text "${t.textContent.slice(0, 30)}" ${r.toFixed(2)}`);
    }
    return [checked, bad];
  });
  check(bad.length === 0, `every text has a contrast of at least 4.5:1 (${checked} checked)${bad.length ? ": " + bad.slice(0, 8).join("; ") : ""}`);
}

/** The sort keys of one column of the first ranking table, as numbers. */
async function indices(page, column) {
  return page.locator("table.ranking").first().locator(`tbody tr td:nth-child(${column})`)
    .evaluateAll((cells) => cells.map((c) => parseFloat(c.getAttribute("data-v"))));
}

async function sorting(page) {
  const table = page.locator("table.ranking").first();
  const heads = await table.locator("thead th").allInnerTexts();
  const col = heads.findIndex((h) => h.startsWith("Chỉ số (%)")) + 1;
  check(col > 0, "the ranking has an index column");
  const before = await indices(page, col);
  check(before.every((x, i) => i === 0 || before[i - 1] >= x), "rows start in rank order (index descending)");
  const button = table.locator(`thead th:nth-child(${col}) button`);
  await button.click();
  const up = await indices(page, col);
  check(up.every((x, i) => i === 0 || up[i - 1] <= x) && up[0] < up[up.length - 1], "a click on the index header sorts ascending");
  check((await table.locator(`thead th:nth-child(${col})`).getAttribute("aria-sort")) === "ascending", "aria-sort says ascending");
  await button.click();
  const down = await indices(page, col);
  check(down.every((x, i) => i === 0 || down[i - 1] >= x), "a second click sorts descending");
  const nameButton = table.locator("thead th:nth-child(3) button");
  await nameButton.click();
  const names = await table.locator("tbody tr th").allInnerTexts();
  const sorted = [...names].sort((a, b) => a.localeCompare(b, "vi"));
  check(JSON.stringify(names) === JSON.stringify(sorted), "a click on the name header sorts by name");
  // Back to rank order for the screenshots.
  await table.locator("thead th:nth-child(1) button").click();
}

async function visibleRanking(page) {
  return page.locator("table.ranking tbody tr:visible").count();
}

async function search(page) {
  const box = page.locator("#cchc\\.q");
  await box.fill("tư pháp");
  check((await visibleRanking(page)) === 1, "typing 'tư pháp' leaves one ranking row");
  const code = await page.locator("table.ranking tbody tr:visible td:nth-child(2)").first().innerText();
  check(code === "SO-TP", `... and it is SO-TP (${code})`);
  check((await page.locator("#cchc\\.n").innerText()).includes("1"), "the count of matches is announced");
  await box.fill("so tu phap");
  check((await visibleRanking(page)) === 1, "typing without diacritics ('so tu phap') finds it too");
  await box.fill("");
  check((await visibleRanking(page)) === 25, "clearing the box shows every row again");
}

async function screenshots(page) {
  if (!shotDir) return;
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: join(shotDir, "html-trang-dau.png") });
  await page.evaluate(() => document.getElementById("SO-TTHCC").scrollIntoView());
  await page.screenshot({ path: join(shotDir, "html-don-vi.png") });
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function printed(page) {
  const pdf = join(outDir, "ket-qua.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  const { execFileSync } = await import("node:child_process");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const pages = text.split("\f");
  writeFileSync(join(outDir, "ket-qua.pdf.txt"), text);
  const pageOf = (s) => pages.findIndex((p) => p.includes(s));
  const g1 = pageOf("Bảng xếp hạng — Khối sở, ban, ngành");
  const g2 = pageOf("Bảng xếp hạng — Khối cơ quan Trung ương");
  check(g1 >= 0 && g2 > g1, `both groups' rankings print (pages ${g1 + 1} and ${g2 + 1})`);
  check(g2 >= 0 && !pages[g2].includes("Sở Tư pháp") && !pages[g2].includes("Khối sở, ban, ngành ("),
    "the second group starts on a page of its own (nothing of the first group on it)");
  const before = pages.slice(g1, g2).join("\n");
  check(!before.includes("Bảo hiểm xã hội tỉnh"), "no row of the second group on the first group's pages");
  const u1 = pageOf("SO-VP — Văn phòng UBND tỉnh");
  const u2 = pageOf("SO-NV — Sở Nội vụ");
  check(u1 >= 0 && u2 > u1, `each unit starts on a new page (SO-VP p. ${u1 + 1}, SO-NV p. ${u2 + 1})`);
  const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
  check(/Liberation ?Serif|Times/i.test(fonts), "the print uses Times New Roman (or its metric twin Liberation Serif)");
  console.log(`     ${pages.length - 1} printed A4 pages`);
}

async function phone(context) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url, { waitUntil: "load" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `on a phone (390 px) the page does not scroll sideways (${overflow} px too wide); wide tables scroll inside their box`);
  if (shotDir) await page.screenshot({ path: join(shotDir, "html-dien-thoai.png") });
  await page.close();
}

async function withoutScripts() {
  const profile2 = mkdtempSync(join(tmpdir(), "cchc-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile2, {
    executablePath, headless: true, args: FLAGS, javaScriptEnabled: false,
  });
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(url, { waitUntil: "load" });
    check((await page.locator("table.ranking tbody tr:visible").count()) === 25, "without scripts every ranking row is shown");
    check(!(await page.locator("#cchc\\.tim").isVisible()), "without scripts the search box stays hidden");
    check((await page.locator("section.unit#SO-TP").count()) === 1, "without scripts the unit sections are there");
  } finally {
    await ctx.close();
    rmSync(profile2, { recursive: true, force: true });
  }
}
