// The group's own rules: an admin edits the workflow and every open board follows; an
// admin overrides a gate with a reason; the ready report.
import { test, expect, Page } from "@playwright/test";
import { signIn } from "./session";
import { makeCard, openLiveBoard } from "./live";

/** Puts the workflow back as it was before a test changed it (through the JSON API). */
async function removeStage(page: Page, key: string) {
  const status = await page.evaluate(async (key) => {
    const doc = await fetch("/api/v1/workflow").then((r) => r.json());
    doc.stages = doc.stages.filter((s: any) => s.key !== key);
    doc.note = "end of the browser test";
    const res = await fetch("/api/v1/workflow", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(doc),
    });
    return res.status;
  }, key);
  expect(status).toBe(200);
}

test("an admin adds a stage and an open board shows it without reload", async ({ page, browser }) => {
  const watcherContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  await openLiveBoard(watcher);
  await watcher.evaluate(() => ((window as any).__sameDocument = true));

  await signIn(page);
  await page.goto("/admin/workflow");
  const editor = page.getByRole("form", { name: "The workflow" });
  await expect(editor).toBeVisible();
  // The empty row adds a stage; place 2 puts it between Challenge and Proposed.
  const rows = editor.locator("fieldset.stage-row");
  const blank = rows.last();
  await expect(blank.locator("legend").first()).toContainText("Add a stage");
  await blank.getByLabel("Name").fill("In Progress");
  await blank.getByLabel("Place").fill("2");
  await blank.getByLabel("WIP limit").fill("4");
  await editor.getByLabel("Note for this version").fill("Work in progress gets its own column");

  await editor.getByRole("button", { name: "Preview" }).click();
  const preview = page.locator(".workflow-preview");
  await expect(preview).toContainText("Added \"In Progress\" as stage 2");
  await expect(preview.locator(".stage-table tbody tr").nth(1)).toContainText("In Progress");

  await page.getByRole("button", { name: /^Save as version/ }).click();
  await expect(page).toHaveURL(/\/workflow$/);
  await expect(page.locator(".workflow-version").first()).toContainText("(in force)");
  await expect(page.locator(".workflow-version").first()).toContainText("Work in progress gets its own column");

  // The open board took the new column in place.
  const columns = watcher.locator(".column");
  await expect(watcher.locator(".column[data-stage=in_progress]")).toBeVisible({ timeout: 5_000 });
  await expect(columns.nth(1)).toHaveAttribute("data-stage", "in_progress");
  await expect(columns.nth(2)).toHaveAttribute("data-stage", "proposed");
  expect(await watcher.evaluate(() => (window as any).__sameDocument)).toBe(true);

  await removeStage(page, "in_progress");
  await expect(watcher.locator(".column[data-stage=in_progress]")).toHaveCount(0, { timeout: 5_000 });
  await watcherContext.close();
});

test("an admin overrides a gate with a reason and the card page shows it", async ({ page }) => {
  await signIn(page);
  const card = await makeCard(page, "Can we skip straight to Internal?");
  await page.goto(`/cards/${card.id}`);
  await expect(page.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  const panel = page.locator(".move-panel");
  await panel.getByLabel("Move to").selectOption("internal");
  await panel.getByLabel("Move past a gate it does not meet (an override)").check();
  await panel.getByLabel("Reason for the override").fill("Agreed in the May meeting");
  await panel.getByRole("button", { name: "Move" }).click();

  await expect(page.locator(".stage-pill")).toHaveText("Internal");
  const entry = page.locator(".activity-item[data-kind=gate_overridden]");
  await expect(entry).toContainText("past its gates (override)");
  await expect(entry).toContainText("Agreed in the May meeting");
  await expect(entry).toContainText("needs a company using one of its solutions internally");
  await expect(page.locator(".entered-under")).toContainText("moved past the gate by an admin");
});

test("the ready report lists cards whose evidence meets the next gate", async ({ page }) => {
  await signIn(page);
  const title = "Is this one ready to propose?";
  const card = await makeCard(page, title);
  await page.goto("/");
  await expect(page.locator(`li.card[data-card-id="${card.id}"] .badge-ready`)).toHaveText(
    "Ready for Proposed",
  );
  await page.goto("/workflow");
  await page.getByRole("link", { name: "Cards ready to move" }).click();
  await expect(page).toHaveURL(/\/reports\/ready$/);
  const row = page.locator(".ready-table tr", { hasText: title });
  await expect(row).toContainText("Challenge");
  await expect(row).toContainText("Proposed");
  await expect(row).toContainText("at least one solution");
});

test("stages are reordered by dragging them in the editor", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/workflow");
  const editor = page.getByRole("form", { name: "The workflow" });
  const row = (name: string) => editor.locator("fieldset.stage-row", { hasText: `${name} (` });
  const external = row("External");
  const internal = row("Internal");
  await expect(external.locator(".drag-handle.ready")).toBeVisible();
  await external.locator(".drag-handle").dragTo(internal.locator("legend").first());
  await expect(external.getByLabel("Place")).toHaveValue("3");
  await expect(internal.getByLabel("Place")).toHaveValue("4");
  await editor.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator(".workflow-preview")).toContainText(
    'Moved "External" from place 4 to place 3',
  );
});
