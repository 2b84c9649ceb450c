// Card journeys: create a challenge, propose a solution, move it by drag and drop; see why
// a move is refused; move by keyboard; another browser sees the result; move with the
// plain form when WebAssembly is off.
import { test, expect, Page } from "@playwright/test";
import { signIn } from "./session";

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

async function openBoard(page: Page) {
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
}

function cardIn(page: Page, stage: string, title: string) {
  return page.locator(`.column[data-stage=${stage}] li.card`, { hasText: title });
}

test("create a card, add a solution, drag it to Proposed", async ({ page, browser }) => {
  const title = "How do we run InnerSource hackathons?";
  await openBoard(page);
  await page.getByText("Add a challenge").click();
  await page.getByLabel("Challenge, phrased as a question").fill(title);
  await page.getByLabel("Description (Markdown)").fill("A **two-day** event across teams.");
  await page.getByLabel("Tags, separated by commas").fill("culture, Engineers");
  await page.getByRole("button", { name: "Add to the board" }).click();

  await expect(page).toHaveURL(/\/cards\/[0-9a-f-]{36}$/);
  await expect(page.locator("h1")).toHaveText(title);
  await expect(page.locator(".markdown strong")).toHaveText("two-day");
  await expect(page.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".gate-status")).toHaveText(
    "To move to Proposed: needs a proposed solution.",
  );

  await page.getByText("Propose a solution").click();
  const form = page.locator(".add-solution form");
  await form.getByLabel("Title").fill("Hackathon playbook");
  await form.getByLabel("Kind").selectOption("article");
  await form.getByLabel("Summary").fill("How to plan, run and follow up.");
  await form.getByRole("button", { name: "Add solution" }).click();
  await expect(page.locator(".solution h3")).toHaveText("Hackathon playbook");
  await expect(page.locator(".gate-status")).toHaveText("Ready to move to Proposed.");

  await openBoard(page);
  const card = cardIn(page, "challenge", title);
  await expect(card).toBeVisible();
  await card.dragTo(page.locator(".column[data-stage=proposed]"));
  await expect(cardIn(page, "proposed", title)).toBeVisible();
  await expect(page.locator(".announcer")).toContainText(`Moved “${title}” to Proposed.`);

  // Someone else, in another browser, sees the move after a reload.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/");
  await expect(cardIn(otherPage, "proposed", title)).toBeVisible();
  await expect(cardIn(otherPage, "challenge", title)).toHaveCount(0);
  await other.close();
});

test("a move whose gate is not met is explained and not made", async ({ page }) => {
  const title = "How do we fund shared components across cost centres?";
  await openBoard(page);
  const card = cardIn(page, "challenge", title);
  await card.dragTo(page.locator(".column[data-stage=internal]"));
  const announcer = page.locator(".announcer");
  await expect(announcer).toContainText(`Cannot move “${title}” to Internal.`);
  await expect(announcer).toContainText("Proposed: needs a proposed solution");
  await expect(announcer).toContainText(
    "Internal: needs a company using one of its solutions internally",
  );
  await expect(cardIn(page, "challenge", title)).toBeVisible();

  // The server refuses it too, with the same explanation.
  const id = await card.getAttribute("data-card-id");
  const response = await page.request.post(`/api/v1/cards/${id}/move`, {
    data: { to: "internal", version: 1 },
  });
  expect(response.status()).toBe(422);
  const body = await response.json();
  expect(body.error.missing[0].message).toBe("needs a proposed solution");
});

test("move a card by keyboard", async ({ page }) => {
  const title = "How do I present InnerSource KPIs?";
  await openBoard(page);
  page.on("dialog", (dialog) => dialog.accept("Needs more discussion first"));
  const card = cardIn(page, "proposed", title);
  await card.focus();
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(cardIn(page, "challenge", title)).toBeVisible();
  await expect(page.locator(".announcer")).toHaveText(`Moved “${title}” to Challenge.`);
  await expect(page.locator("li.card:focus")).toContainText(title);

  await page.keyboard.press("Shift+ArrowRight");
  await expect(cardIn(page, "proposed", title)).toBeVisible();
  // Forward again: Internal's gate is not met, so nothing moves and the reason is read out.
  await cardIn(page, "proposed", title).focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect(page.locator(".announcer")).toContainText(
    "needs a company using one of its solutions internally",
  );
  await expect(cardIn(page, "proposed", title)).toBeVisible();

  await page.goto(`/cards/${await cardIn(page, "proposed", title).getAttribute("data-card-id")}`);
  await expect(page.locator(".activity-item").first()).toContainText("moved it from Challenge to Proposed");
  await expect(page.locator(".activity-item").nth(1)).toContainText("Needs more discussion first");
});

test.describe("without WebAssembly", () => {
  test.use({ javaScriptEnabled: false });

  test("the move form works", async ({ page }) => {
    const title = "How do we make internal repositories discoverable?";
    await page.goto("/");
    const card = cardIn(page, "proposed", title);
    await card.locator("summary").click();
    await card.getByLabel("To").selectOption("challenge");
    await card.getByLabel("Note").fill("Not ready yet");
    await card.getByRole("button", { name: "Move" }).click();
    await expect(cardIn(page, "challenge", title)).toBeVisible();

    // A refused move comes back with its explanation, and nothing moved.
    const stuck = "How do we measure the return on investment of our InnerSource program?";
    const other = cardIn(page, "challenge", stuck);
    await other.locator("summary").click();
    await other.getByLabel("To").selectOption("proposed");
    await other.getByRole("button", { name: "Move" }).click();
    await expect(page.locator(".announcer")).toContainText(
      "The move was refused. Cannot move there yet. Proposed: needs a proposed solution",
    );
    await expect(cardIn(page, "challenge", stuck)).toBeVisible();
  });
});

test("a change refused because someone else changed the card first says so and keeps what was typed", async ({ page, browser }) => {
  await openBoard(page);
  const id = await cardIn(page, "challenge", "How do we fund shared components across cost centres?").getAttribute(
    "data-card-id",
  );
  await page.goto(`/cards/${id}`);
  await expect(page.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  const mine = page.locator("details.panel", { hasText: "Edit the card" });
  await mine.locator("summary").click();
  await mine.getByLabel("Description (Markdown)").fill("My longer description.");

  // Meanwhile someone else renames the card.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs);
  await theirs.goto(`/cards/${id}`);
  await expect(theirs.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  const form = theirs.locator("details.panel", { hasText: "Edit the card" });
  await form.locator("summary").click();
  await form.getByLabel("Title").fill("How do we fund shared components across departments?");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(theirs.locator("h1")).toHaveText("How do we fund shared components across departments?");
  await other.close();

  // Saving the older version is refused: the page comes back with the reason beside the
  // form, the other person's change in view, and what was typed still in the form.
  await mine.getByRole("button", { name: "Save" }).click();
  await expect(mine.locator(".form-error")).toContainText("Someone else changed this card first");
  await expect(page.locator("h1")).toHaveText("How do we fund shared components across departments?");
  await expect(page.locator(".markdown").first()).not.toContainText("My longer description.");
  await expect(mine.getByLabel("Description (Markdown)")).toHaveValue("My longer description.");
  // Only what was typed came back: saving again keeps the other person's title.
  await expect(mine.getByLabel("Title")).toHaveValue("How do we fund shared components across departments?");
  await mine.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".markdown").first()).toContainText("My longer description.");
  await expect(page.locator("h1")).toHaveText("How do we fund shared components across departments?");
});
