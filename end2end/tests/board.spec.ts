// The board journey: the demo board loads, hydrates, and filters; without WebAssembly the
// same filter works as a plain form.
import { test, expect } from "@playwright/test";
import { signIn } from "./session";

const stages = ["Challenge", "Proposed", "Internal", "External", "Validated"];

test("the board loads, hydrates and shows the demo cards", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");

  const names = page.locator(".column .column-name");
  await expect(names).toHaveText(stages);
  await expect(page.locator(".card")).toHaveCount(15);
  await expect(
    page.locator(".column[data-stage=proposed] .card-title", {
      hasText: "How do I present InnerSource KPIs?",
    }),
  ).toBeVisible();
  await expect(
    page.locator(".column[data-stage=external] .card-title", {
      hasText: "How do I sell InnerSource to senior leadership?",
    }),
  ).toBeVisible();

  // A client-side interaction: typing filters the board at once, without a page load.
  const url = page.url();
  await page.getByLabel("Filter by title").fill("KPIs");
  await expect(page.locator(".card")).toHaveCount(1);
  await expect(page.locator(".board-summary")).toHaveText("Showing 1 of 15 cards");
  await expect(page.locator(".column[data-stage=proposed] .count")).toHaveText("1 of 3");
  expect(page.url()).toBe(url);

  await page.getByLabel("Filter by title").fill("");
  await page.getByLabel("Has adoptions").check();
  await expect(page.locator(".card")).toHaveCount(9);
});

test.describe("without WebAssembly", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form still works", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator(".card")).toHaveCount(15);
    await page.getByLabel("Filter by title").fill("senior leadership");
    await page.getByLabel("Filter by title").press("Enter");
    await expect(page).toHaveURL(/\?q=senior\+leadership/);
    await expect(page.locator(".card")).toHaveCount(1);
    await expect(page.locator(".card-title")).toHaveText(
      "How do I sell InnerSource to senior leadership?",
    );
  });

  test("a member adds a card", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@example.org");
    await page.getByLabel("Password").fill("e2e admin password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".session .me")).toBeVisible();
    await page.goto("/");
    await page.getByText("Add a challenge").click();
    await page.getByLabel("Challenge, phrased as a question").fill("How do we share InnerSource wins without JavaScript?");
    await page.getByLabel("Description (Markdown)").fill("Written on a slow link.");
    await page.getByLabel("Tags, separated by commas").fill("no-wasm");
    await page.getByRole("button", { name: "Add to the board" }).click();
    await expect(page).toHaveURL(/\/cards\/[0-9a-f-]{36}$/);
    await expect(page.locator("h1")).toHaveText("How do we share InnerSource wins without JavaScript?");
    await page.goto("/");
    await expect(
      page.locator(".column[data-stage=challenge] .card-title", {
        hasText: "How do we share InnerSource wins without JavaScript?",
      }),
    ).toBeVisible();
  });
});

test("a page whose front end does not start says so", async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto("/");
  const notice = page.locator(".startup-notice");
  await expect(notice).toBeHidden();
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText("did not start");
});

test("the board says when live updates pause", async ({ page }) => {
  // The live feed cannot be reached: after a few seconds the page says so.
  await page.route("**/api/v1/events*", (route) => route.abort());
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".paused-notice")).toBeHidden();
  await expect(page.locator(".paused-notice")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".paused-notice")).toHaveText("Live updates paused \u2014 reload to reconnect.");
  // Once the browser's own retry gets through, the notice goes away.
  await page.unroute("**/api/v1/events*");
  await expect(page.locator("html")).toHaveAttribute("data-live", "open", { timeout: 20_000 });
  await expect(page.locator(".paused-notice")).toBeHidden();
});

test("the live region takes no room while it has nothing to say", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  const box = await page.locator(".announcer").boundingBox();
  expect(box?.height ?? 0).toBe(0);
});
