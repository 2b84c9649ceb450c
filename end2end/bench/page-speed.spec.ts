// Measurement, not a test (`make bench-browser`): in Chromium, the Largest Contentful Paint
// and the time until the page reacts of the board at 100 and 1,000 cards (its front end
// started and the board hydrated), of a card's page (a followed document: its script
// started) and of the catalogue (a document: parsed), on loopback and on a simulated slow
// phone (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, CPU 4× slower); then the time
// from a keyboard move (Shift+→) on the 1,000-card board to the card drawn in its new
// column. Prints one table. Targets: LCP ≤ 1 s on loopback, interactive ≤ 2 s on the slow
// phone, a move redrawn ≤ 100 ms.
import { test, expect, Page, BrowserContext } from "@playwright/test";
import { signIn } from "../tests/session";
import { makeCard } from "../tests/live";

interface Timing {
  lcp: number;
  interactive: number;
}

// Records, from the first byte of the page, when the largest paint happened and when the
// page reacts: a document once parsed (its links and forms work), any other page once its
// front end (or the follow script) marked it started and every island on it hydrated.
const OBSERVE = `
  window.__bench = { lcp: 0, interactive: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const ready = () => {
    const app = document.documentElement.dataset.app;
    if (app === "document") return document.readyState !== "loading";
    const marked = [...document.querySelectorAll("[data-hydrated]")];
    return app === "started" && marked.every((m) => m.getAttribute("data-hydrated") === "true");
  };
  const check = () => {
    if (!window.__bench.interactive && ready()) window.__bench.interactive = performance.now();
  };
  new MutationObserver(check).observe(document, { attributes: true, subtree: true, childList: true });
  document.addEventListener("DOMContentLoaded", check);
`;

async function measure(context: BrowserContext, path: string, slow: boolean): Promise<Timing> {
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (slow) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  await page.goto(path, { waitUntil: "load", timeout: 120_000 });
  await page.waitForFunction(() => (window as any).__bench.interactive > 0, null, {
    timeout: 120_000,
  });
  // LCP is final once the page has been interacted with or settled; give it a moment.
  await page.waitForTimeout(500);
  const timing = await page.evaluate(() => (window as any).__bench as Timing);
  await page.close();
  return timing;
}

/** Adds cards through the JSON API until the board holds `count` open cards. */
async function fillBoard(page: Page, count: number) {
  await page.evaluate(async (count) => {
    const board = await fetch("/api/v1/board").then((r) => r.json());
    let missing = count - board.cards.length;
    const tags = [["kpi", "metrics"], ["onboarding", "culture"], ["funding", "legal"]];
    while (missing > 0) {
      const batch = Math.min(missing, 8);
      await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          fetch("/api/v1/cards", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              title: `How do we measure benchmark challenge ${missing - i}?`,
              tags: tags[(missing - i) % 3],
            }),
          }),
        ),
      );
      missing -= batch;
    }
  }, count);
}

test("page speed in Chromium", async ({ page, browser }) => {
  test.setTimeout(900_000);
  await signIn(page);
  const rows: string[] = [];
  const row = (what: string, t: Timing) =>
    rows.push(
      `${what.padEnd(44)} LCP ${t.lcp.toFixed(0).padStart(6)} ms   interactive ${t.interactive
        .toFixed(0)
        .padStart(6)} ms`,
    );
  const visitor = await browser.newContext();
  for (const cards of [100, 1000]) {
    await fillBoard(page, cards);
    row(`board, ${cards} cards, loopback`, await measure(visitor, "/", false));
    row(`board, ${cards} cards, slow phone`, await measure(visitor, "/", true));
  }
  const onBoard = await page.evaluate(() => fetch("/api/v1/board").then((r) => r.json()));
  const cardPage = `/cards/${onBoard.cards[0].id}`;
  row("card page, loopback", await measure(visitor, cardPage, false));
  row("card page, slow phone", await measure(visitor, cardPage, true));
  row("catalogue, loopback", await measure(visitor, "/catalog", false));
  row("catalogue, slow phone", await measure(visitor, "/catalog", true));
  await visitor.close();

  // A keyboard move on the 1,000-card board, timed in the page from the key to the card
  // drawn in the next column.
  const card = await makeCard(page, "How quickly is a keyboard move drawn?");
  // Moving back asks for a note.
  page.on("dialog", (dialog) => dialog.accept("benchmark"));
  const moves: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto("/");
    await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
    const from = i % 2 === 0 ? "challenge" : "proposed";
    const to = i % 2 === 0 ? "proposed" : "challenge";
    const tile = page.locator(`.column[data-stage=${from}] li.card[data-card-id="${card.id}"]`);
    await tile.focus();
    const took = await page.evaluate(
      ({ id, to, forward }) =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          const seen = () =>
            document.querySelector(`.column[data-stage=${to}] li.card[data-card-id="${id}"]`);
          new MutationObserver((_, observer) => {
            if (seen()) {
              observer.disconnect();
              resolve(performance.now() - started);
            }
          }).observe(document.body, { childList: true, subtree: true });
          document.activeElement?.dispatchEvent(
            new KeyboardEvent("keydown", {
              key: forward ? "ArrowRight" : "ArrowLeft",
              shiftKey: true,
              bubbles: true,
            }),
          );
        }),
      { id: card.id, to, forward: i % 2 === 0 },
    );
    moves.push(took);
    await expect(page.locator(`.column[data-stage=${to}] li.card[data-card-id="${card.id}"]`)).toBeVisible();
  }
  const sorted = [...moves].sort((a, b) => a - b);
  rows.push(
    `${"keyboard move redrawn, 1,000 cards".padEnd(44)} median ${sorted[2].toFixed(0)} ms ` +
      `(${moves.map((m) => m.toFixed(0)).join(", ")} ms)`,
  );
  console.log("\nispo-board in Chromium (debug or release build, as started by the config)\n" + rows.join("\n"));
});
