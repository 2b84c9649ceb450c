// Live updates: what one member does shows up in other open browsers without a reload,
// without disturbing what they are doing.
import { test, expect } from "@playwright/test";
import { signIn } from "./session";
import { makeCard, moveCard, openLiveBoard } from "./live";

test("a move in one browser appears in another without reload", async ({ page, browser }) => {
  await signIn(page);
  const watcherContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  await openLiveBoard(watcher);
  // Marks this document: a reload would lose it.
  await watcher.evaluate(() => ((window as any).__sameDocument = true));

  const title = "How do we see changes live?";
  const card = await makeCard(page, title);
  const inChallenge = watcher.locator(`.column[data-stage=challenge] li.card[data-card-id="${card.id}"]`);
  await expect(inChallenge).toBeVisible({ timeout: 5_000 });

  // The watcher has focus somewhere in the filter: a change must not take it away.
  await watcher.locator(".board-filter input[name=q]").fill("");
  await watcher.locator(".board-filter input[name=q]").focus();

  card.version = await moveCard(page, card, "proposed");
  const inProposed = watcher.locator(`.column[data-stage=proposed] li.card[data-card-id="${card.id}"]`);
  await expect(inProposed).toBeVisible({ timeout: 5_000 });
  await expect(inChallenge).toHaveCount(0);
  expect(await watcher.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expect(watcher.locator(".board-filter input[name=q]")).toBeFocused();

  // A card page follows its card, too; a comment appears there.
  await watcher.goto(`/cards/${card.id}`);
  await expect(watcher.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  await expect(watcher.locator("html")).toHaveAttribute("data-live", "open");
  await page.goto(`/cards/${card.id}`);
  await page.getByLabel("Add a comment (Markdown)").fill("Seen *live*.");
  await page.getByRole("button", { name: "Comment" }).click();
  await expect(page.locator(".comment")).toContainText("Seen live.");
  // The watcher is not signed in: comments are for members, but the activity shows it.
  await expect(watcher.locator(".activity-item[data-kind=commented]")).toBeVisible({ timeout: 5_000 });
  await watcherContext.close();
});

test("a change waits while a card is being dragged", async ({ page, browser }) => {
  await signIn(page);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other);
  await openLiveBoard(other);
  const card = await makeCard(page, "How do we drag in peace?");
  const tile = other.locator(`li.card[data-card-id="${card.id}"]`);
  await expect(tile).toBeVisible({ timeout: 5_000 });

  // Start dragging the card in the other browser, then change it from the first.
  const dataTransfer = await other.evaluateHandle(() => new DataTransfer());
  await tile.dispatchEvent("dragstart", { dataTransfer });
  card.version = await moveCard(page, card, "proposed");
  await other.waitForTimeout(700);
  // Still where the dragger picked it up: the board did not redraw under the drag.
  await expect(other.locator(`.column[data-stage=challenge] li.card[data-card-id="${card.id}"]`)).toBeVisible();
  await tile.dispatchEvent("dragend", { dataTransfer });
  await expect(other.locator(`.column[data-stage=proposed] li.card[data-card-id="${card.id}"]`)).toBeVisible({
    timeout: 5_000,
  });
  await otherContext.close();
});
