// Measurement, not a test: the time from a move in one browser until it shows on the board
// in another, for 20 moves; prints each and the median. Run with `make bench-live`.
import { test, expect } from "@playwright/test";
import { signIn } from "../tests/session";
import { makeCard, moveCard, openLiveBoard } from "../tests/live";

test("latency of 20 moves to a second browser", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const watcherContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  await openLiveBoard(watcher);
  const card = await makeCard(page, "How fast do moves travel?");
  await expect(watcher.locator(`li.card[data-card-id="${card.id}"]`)).toBeVisible({ timeout: 5_000 });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const to = i % 2 === 0 ? "proposed" : "challenge";
    const target = watcher.locator(`.column[data-stage=${to}] li.card[data-card-id="${card.id}"]`);
    const started = Date.now();
    card.version = await moveCard(page, card, to);
    await target.waitFor({ state: "visible", timeout: 10_000 });
    times.push(Date.now() - started);
    await watcher.waitForTimeout(150);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = (sorted[9] + sorted[10]) / 2;
  console.log(`move → second browser, ms: ${times.join(", ")}`);
  console.log(`median ${median} ms, min ${sorted[0]} ms, max ${sorted[19]} ms`);
  await watcherContext.close();
});
