// Meeting mode: a facilitator runs a meeting from the board: walks the agenda, records a
// next step, and presents the demo queue with the keyboard.
import { test, expect } from "@playwright/test";
import { signIn } from "./session";

test("a facilitator walks a three-card agenda and records a next step", async ({ page }) => {
  await signIn(page);
  await page.goto("/meetings");
  await page.getByLabel("Scribe").fill("Ada Admin");
  await page.getByRole("button", { name: "Start the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meeting = page.url();
  await expect(page.locator(".meeting-page")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("h1")).toContainText("Meeting of");

  await page.getByRole("link", { name: "Walk the board" }).click();
  await expect(page).toHaveURL(/\/agenda\/1$/);
  await expect(page.locator(".agenda-walk")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".walk-position")).toContainText("Card 1 of");
  await expect(page.locator(".gate-status")).toContainText(/To move to|Ready for/);
  await expect(page.locator(".timer")).not.toHaveText("00:00", { timeout: 3_000 });
  const first = await page.locator("h1").textContent();
  await page.getByLabel("Key points").fill("Two funding models seen elsewhere.");
  await page.getByRole("button", { name: "Discussed, next card" }).click();

  await expect(page).toHaveURL(/\/agenda\/2$/);
  await expect(page.locator(".walk-position")).toContainText("Card 2 of");
  await page.getByLabel("Next step").fill("Draft a proposal for the next meeting");
  await page.getByLabel("Owner").fill("Ada Admin");
  await page.getByLabel("Due").fill("2026-12-09");
  await page.getByRole("button", { name: "Record the next step" }).click();
  await expect(page.locator(".next-step")).toContainText(
    "Draft a proposal for the next meeting (owner: Ada Admin, due 2026-12-09)",
  );
  await page.getByRole("button", { name: "Skip" }).click();

  await expect(page).toHaveURL(/\/agenda\/3$/);
  await page.getByRole("button", { name: "Park" }).click();
  await expect(page).toHaveURL(/\/agenda\/4$/);

  await page.goto(meeting);
  const rows = page.locator(".agenda-row");
  await expect(rows.nth(0)).toHaveAttribute("data-status", "discussed");
  await expect(rows.nth(0)).toContainText(first ?? "");
  await expect(rows.nth(0)).toContainText("Two funding models seen elsewhere.");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "skipped");
  await expect(rows.nth(1)).toContainText("Draft a proposal for the next meeting");
  await expect(rows.nth(2)).toHaveAttribute("data-status", "parked");
  await expect(rows.nth(3)).toHaveAttribute("data-status", "pending");

  const minutes = await page.request.get(`${meeting}/minutes.md`);
  expect(minutes.status()).toBe(200);
  const text = await minutes.text();
  expect(text).toContain("Two funding models seen elsewhere.");
  expect(text).toContain("Draft a proposal for the next meeting (owner: Ada Admin, due 2026-12-09)");
});

test("the presenter view opens from the demo queue and moves on by keyboard", async ({ page }) => {
  await signIn(page);
  await page.goto("/meetings");
  await page.getByRole("button", { name: "Start the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expect(page.locator(".meeting-page")).toHaveAttribute("data-hydrated", "true");

  const select = page.getByLabel("Solution to demo");
  // The first option asks for a choice: nothing is preselected.
  const options = (await select.locator("option").allTextContents()).slice(1);
  const wanted = [options[0], options[1]];
  for (const label of wanted) {
    await page.getByLabel("Solution to demo").selectOption({ label });
    await page.getByRole("button", { name: "Add to the queue" }).click();
    await expect(page.locator(".demo-row", { hasText: label.split(" (answers:")[0] })).toBeVisible();
  }
  await expect(page.locator(".demo-row")).toHaveCount(2);
  const titles = wanted.map((label) => label.split(" (answers:")[0]);

  await page.getByRole("link", { name: "Present the demos" }).click();
  await expect(page).toHaveURL(/\/demos\/1$/);
  await expect(page.locator(".presenter")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".presenter h1")).toHaveText(titles[0]);
  await expect(page.locator(".walk-position")).toHaveText("Demo 1 of 2");
  // Each demo is a page of its own: its keys work once its island has started.
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/\/demos\/2$/);
  await expect(page.locator(".presenter h1")).toHaveText(titles[1]);
  await expect(page.locator(".presenter")).toHaveAttribute("data-hydrated", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/\/demos\/1$/);
  await expect(page.locator(".presenter")).toHaveAttribute("data-hydrated", "true");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
});

test("key points stay with their card and the next-step form starts empty", async ({ page }) => {
  await signIn(page);
  await page.goto("/meetings");
  await page.getByRole("button", { name: "Start the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meeting = page.url();
  await page.getByRole("link", { name: "Walk the board" }).click();
  await expect(page.locator(".agenda-walk")).toHaveAttribute("data-hydrated", "true");

  const titles: string[] = [];
  titles.push((await page.locator("h1").textContent()) ?? "");
  await page.getByLabel("Key points").fill("Only the first card has key points.");
  await page.getByRole("button", { name: "Discussed, next card" }).click();
  await expect(page).toHaveURL(/\/agenda\/2$/);
  await expect(page.locator(".walk-position")).toContainText("Card 2 of");
  await expect(page.getByLabel("Key points")).toHaveValue("");

  // A saved next step leaves an empty form for the next one.
  await page.getByLabel("Next step").fill("Ask the Patterns group for a review");
  await page.getByLabel("Owner").fill("Ada Admin");
  await page.getByRole("button", { name: "Record the next step" }).click();
  await expect(page.locator(".next-step")).toContainText("Ask the Patterns group for a review");
  await expect(page.getByLabel("Next step")).toHaveValue("");
  await expect(page.getByLabel("Owner")).toHaveValue("");

  titles.push((await page.locator("h1").textContent()) ?? "");
  await page.getByRole("button", { name: "Discussed, next card" }).click();
  await expect(page).toHaveURL(/\/agenda\/3$/);
  // The walk shows the previous card until the next one has loaded: wait for it.
  await expect(page.locator(".walk-position")).toContainText("Card 3 of");
  await expect(page.getByLabel("Key points")).toHaveValue("");
  titles.push((await page.locator("h1").textContent()) ?? "");
  await page.getByRole("button", { name: "Discussed, next card" }).click();
  await expect(page).toHaveURL(/\/agenda\/4$/);

  // Back on the first card, its own saved key points are shown.
  await page.goto(`${meeting}/agenda/1`);
  await expect(page.getByLabel("Key points")).toHaveValue("Only the first card has key points.");
  // Moving on by the link (no save) does not carry the text either.
  await expect(page.locator(".agenda-walk")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Key points").fill("An unsaved draft for card 1.");
  await page.getByRole("link", { name: "Next card \u2192" }).click();
  await expect(page).toHaveURL(/\/agenda\/2$/);
  await expect(page.locator(".walk-position")).toContainText("Card 2 of");
  await expect(page.getByLabel("Key points")).toHaveValue("");
  // Back on card 1, the unsaved draft is still there: nothing typed is lost.
  await page.getByRole("link", { name: "\u2190 Previous card" }).click();
  await expect(page).toHaveURL(/\/agenda\/1$/);
  await expect(page.getByLabel("Key points")).toHaveValue("An unsaved draft for card 1.");

  const minutes = await (await page.request.get(`${meeting}/minutes.md`)).text();
  expect(minutes.split("Only the first card has key points.").length - 1).toBe(1);
  const sections = titles.map((title) => {
    const start = minutes.indexOf(`. ${title} (`);
    expect(start, `${title} is in the minutes`).toBeGreaterThan(-1);
    return start;
  });
  const at = minutes.indexOf("Only the first card has key points.");
  expect(at).toBeGreaterThan(sections[0]);
  expect(at).toBeLessThan(sections[1]);

  // The minutes page shows the same.
  await page.goto(`${meeting}/minutes`);
  await expect(page.locator("article.minutes")).toContainText("Only the first card has key points.");
});
