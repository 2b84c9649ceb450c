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

test("a card page takes in someone else's change and keeps what its reader typed", async ({ page, browser }) => {
  await signIn(page);
  const card = await makeCard(page, "How do we keep what was typed?");
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await signIn(reader);
  await reader.goto(`/cards/${card.id}`);
  await expect(reader.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  await expect(reader.locator("html")).toHaveAttribute("data-live", "open");
  // No WebAssembly on a card page: only the follow script.
  const wasm = await reader.evaluate(() =>
    performance.getEntriesByType("resource").filter((e) => /\.wasm$/.test(e.name)).length,
  );
  expect(wasm).toBe(0);
  await reader.evaluate(() => ((window as any).__sameDocument = true));

  // The reader opens a folded panel and types a comment, then looks elsewhere.
  await reader.getByText("Propose a solution").click();
  await reader.getByLabel("Add a comment (Markdown)").fill("Half a thought");
  await reader.locator("h1").click();

  // Someone else moves the card.
  card.version = await moveCard(page, card, "proposed");
  await expect(reader.locator(".stage-pill")).toHaveText("Proposed", { timeout: 5_000 });
  expect(await reader.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await expect(reader.getByLabel("Add a comment (Markdown)")).toHaveValue("Half a thought");
  await expect(reader.locator(".add-solution form")).toBeVisible();

  // While the reader types, a change waits, and says so; leaving the field shows it.
  await reader.getByLabel("Add a comment (Markdown)").focus();
  card.version = await moveCard(page, card, "challenge");
  await expect(reader.locator(".live-notice")).toContainText("Someone changed this card", { timeout: 5_000 });
  await expect(reader.locator(".stage-pill")).toHaveText("Proposed");
  await reader.locator("h1").click();
  await expect(reader.locator(".stage-pill")).toHaveText("Challenge", { timeout: 5_000 });
  await expect(reader.locator(".live-notice")).toBeHidden();
  await expect(reader.getByLabel("Add a comment (Markdown)")).toHaveValue("Half a thought");

  // The kept comment is sent as typed.
  await reader.getByRole("button", { name: "Comment" }).click();
  await expect(reader.locator(".comment")).toContainText("Half a thought");

  // A form left as it was drawn takes the newer version with the change: parking after
  // someone else's move is not refused.
  card.version = await moveCard(page, card, "proposed");
  await expect(reader.locator(".stage-pill")).toHaveText("Proposed", { timeout: 5_000 });
  const park = reader.locator("details.park-panel");
  await park.locator("summary").click();
  // The keyboard stays on the panel it was on across a refresh.
  await expect(park.locator("summary")).toBeFocused();
  await page.evaluate((id) => fetch(`/api/v1/cards/${id}/comments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ body: "Another thought" }),
  }), card.id);
  await expect(reader.locator(".comment")).toHaveCount(2, { timeout: 5_000 });
  await expect(reader.locator("details.park-panel summary")).toBeFocused();
  await expect(reader.locator("details.park-panel")).toHaveAttribute("open", "");
  await reader.getByRole("button", { name: "Park this card" }).click();
  await expect(reader.locator(".parked-note")).toBeVisible();
  await readerContext.close();
});

test("a followed page that came back through the browser's history shows what changed since", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const card = await makeCard(page, "How do we come back to a card?");
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await reader.goto(`/cards/${card.id}`);
  await expect(reader.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  await reader.getByRole("link", { name: "\u2190 Board" }).click();
  await expect(reader.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  card.version = await moveCard(page, card, "proposed");
  await reader.goBack();
  await expect(reader.locator(".stage-pill")).toHaveText("Proposed", { timeout: 5_000 });
  await readerContext.close();
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

test("someone else's move keeps an open Move… menu, what is typed in it and the keyboard", async ({ page, browser }) => {
  await signIn(page);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other);
  await openLiveBoard(other);
  const mine = await makeCard(page, "How do we keep menus open?");
  const theirs = await makeCard(page, "How do we move while others type?");
  const menuCard = other.locator(`li.card[data-card-id="${mine.id}"]`);
  await expect(menuCard).toBeVisible({ timeout: 5_000 });
  await expect(other.locator(`li.card[data-card-id="${theirs.id}"]`)).toBeVisible({ timeout: 5_000 });
  await menuCard.locator("summary").click();
  const note = menuCard.getByLabel("Note");
  await note.fill("half a");
  await note.focus();

  theirs.version = await moveCard(page, theirs, "proposed");
  await expect(other.locator(`.column[data-stage=proposed] li.card[data-card-id="${theirs.id}"]`)).toBeVisible({
    timeout: 5_000,
  });
  await expect(note).toBeFocused();
  await other.keyboard.type(" sentence");
  await expect(note).toHaveValue("half a sentence");
  await expect(menuCard.locator("details.move-menu")).toHaveAttribute("open", "");

  // The menu's answer replaces what was said before (a keyboard refusal on another card).
  await other.locator(`li.card[data-card-id="${theirs.id}"]`).focus();
  await other.keyboard.press("Shift+ArrowRight");
  await expect(other.locator(".announcer")).toContainText("Cannot move");
  await menuCard.getByLabel("To").selectOption("proposed");
  await menuCard.getByRole("button", { name: "Move" }).click();
  await expect(other.locator(".announcer")).toHaveText("Moved “How do we keep menus open?” to Proposed.");
  await otherContext.close();
});

test("a key point and a next step recorded in one browser appear on another's meeting page", async ({
  page,
  browser,
}) => {
  await signIn(page);
  await page.goto("/meetings");
  await page.getByRole("button", { name: "Start the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meeting = page.url();

  // A second member watches the meeting page, with text typed but not sent.
  const watcherContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  await signIn(watcher);
  await watcher.goto(meeting);
  await expect(watcher.locator(".meeting-page")).toHaveAttribute("data-hydrated", "true");
  await expect(watcher.locator("html")).toHaveAttribute("data-live", "open");
  await watcher.evaluate(() => ((window as any).__sameDocument = true));
  const firstRow = watcher.locator(".agenda-row").first();
  await expect(firstRow).toHaveAttribute("data-status", "pending");

  // The first member walks the first card: a key point, then a next step on the second.
  await page.goto(`${meeting}/agenda/1`);
  await expect(page.locator(".agenda-walk")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Key points").fill("Heard live in the other browser.");
  await page.getByRole("button", { name: "Discussed, next card" }).click();
  await expect(page).toHaveURL(/\/agenda\/2$/);
  await expect(firstRow).toHaveAttribute("data-status", "discussed", { timeout: 5_000 });
  await expect(firstRow).toContainText("Heard live in the other browser.");

  // While the watcher types into a field, a change waits; leaving the field shows it.
  const scribble = watcher.locator(".demos select[name=solution_id]");
  await scribble.focus();
  await page.getByLabel("Next step").fill("Share the notes");
  await page.getByLabel("Owner").fill("Ada Admin");
  await page.getByRole("button", { name: "Record the next step" }).click();
  await expect(page.locator(".next-step")).toContainText("Share the notes (owner: Ada Admin)");
  await expect(watcher.locator(".live-notice")).toContainText("Someone changed this meeting", {
    timeout: 5_000,
  });
  await expect(scribble).toBeFocused();
  await watcher.locator("h1").click();
  const secondRow = watcher.locator(".agenda-row").nth(1);
  await expect(secondRow).toContainText("Share the notes (owner: Ada Admin)", { timeout: 5_000 });
  expect(await watcher.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await watcherContext.close();
});
