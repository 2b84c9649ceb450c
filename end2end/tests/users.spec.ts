// Accounts: an admin invites a member, who accepts, signs in and moves a card; anonymous
// visitors see the board without edit controls; a forged cross-site request is refused;
// admins edit company aliases; an admin downloads the export of the whole board.
import { test, expect } from "@playwright/test";
import * as fs from "node:fs";
import { signIn } from "./session";

test("an invited member joins and moves a card", async ({ page, browser }) => {
  await signIn(page);
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill("mia@example.org");
  await page.locator("select[name=role]").first().selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.locator("a.invitation-link");
  await expect(link).toBeVisible();
  const path = await link.getAttribute("href");
  expect(path).toMatch(/^\/invitations\/[0-9a-f]{64}$/);

  const member = await browser.newContext();
  const mia = await member.newPage();
  await mia.goto(path!);
  await expect(mia.getByText("This invitation is for mia@example.org, as Member.")).toBeVisible();
  await mia.getByLabel("Your name").fill("Mia Member");
  await mia.getByLabel("Choose a password").fill("mia's long password");
  await mia.getByRole("button", { name: "Create my account" }).click();
  await expect(mia).toHaveURL(/\/$/);
  await expect(mia.locator(".session .me")).toHaveText("Mia Member (Member)");

  // The link works once.
  await mia.goto(path!);
  await expect(mia.getByRole("alert")).toContainText("invitation");

  // Signed in, the member moves a card by keyboard.
  await mia.goto("/");
  await expect(mia.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  const title = "How do we onboard new trusted committers?";
  mia.on("dialog", (dialog) => dialog.accept("Revisit the workshop outline"));
  await mia.locator(".column[data-stage=proposed] li.card", { hasText: title }).focus();
  await mia.keyboard.press("Shift+ArrowLeft");
  await expect(mia.locator(".column[data-stage=challenge] li.card", { hasText: title })).toBeVisible();
  await mia.goto(`/cards/${await mia.locator("li.card", { hasText: title }).getAttribute("data-card-id")}`);
  await expect(mia.locator(".activity-item").first()).toContainText("Mia Member moved it from Proposed to Challenge");

  // Members cannot reach the admin pages.
  await mia.goto("/admin/users");
  await expect(mia.getByRole("alert")).toContainText("only admins");
  await member.close();
});

test("anonymous visitors read but cannot change; forged requests are refused", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".board-page")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("li.card").first()).toBeVisible();
  await expect(page.getByText("Add a challenge")).toHaveCount(0);
  await expect(page.locator(".move-menu")).toHaveCount(0);
  await expect(page.locator("li.card").first()).toHaveAttribute("draggable", "false");
  await expect(page.locator(".session").getByRole("link", { name: "Sign in" })).toBeVisible();

  const id = await page.locator("li.card").first().getAttribute("data-card-id");
  await page.goto(`/cards/${id}`);
  await expect(page.locator(".gate-status")).toBeVisible();
  await expect(page.getByRole("button", { name: "Move" })).toHaveCount(0);

  // Anonymous writes are refused…
  const anonymous = await page.request.post("/api/v1/cards", { data: { title: "Sneaky?" } });
  expect(anonymous.status()).toBe(401);
  // …and a signed-in browser is not tricked by another site's form.
  await signIn(page);
  const forged = await page.request.post("/api/v1/cards", {
    data: { title: "Forged?" },
    headers: { Origin: "https://evil.example" },
  });
  expect(forged.status()).toBe(403);
  const own = await page.request.post("/api/v1/cards", {
    data: { title: "My own?" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(own.status()).toBe(201);
});

test("admins list, copy and revoke pending invitations, also without WebAssembly", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@example.org");
  await page.getByLabel("Password").fill("e2e admin password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".session .me")).toBeVisible();
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill("noah@example.org");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  // Back on the page, the invitation is listed with its whole link.
  await expect(page).toHaveURL(/\/admin\/users/);
  const pending = page.locator(".invitation", { hasText: "noah@example.org" });
  await expect(pending).toContainText("expires");
  const link = await pending.locator("input.invitation-url").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invitations\/[0-9a-f]{64}$/);

  // The link works until it is revoked.
  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByText("This invitation is for noah@example.org, as Member.")).toBeVisible();
  await pending.getByRole("button", { name: "Revoke" }).click();
  await expect(page.locator(".invitation", { hasText: "noah@example.org" })).toHaveCount(0);
  await visitor.goto(link);
  await expect(visitor.getByRole("alert")).toContainText("invitation");
  await visitor.close();
  await context.close();
});

test("admins add and rename companies; members and visitors see no admin forms", async ({ page, browser }) => {
  await signIn(page);
  await page.goto("/admin/companies");
  await page.getByLabel("Name", { exact: true }).first().fill("Umbrella Works");
  await page.getByLabel("Shown instead of the name otherwise").first().fill("a mid-sized software company");
  await page.getByRole("button", { name: "Add company" }).click();
  await expect(page.getByRole("status")).toContainText("Umbrella Works was added.");
  // A refused company comes back as typed, with why.
  await page.getByLabel("Name", { exact: true }).first().fill("umbrella works");
  await page.getByLabel("Shown instead of the name otherwise").first().fill("typed again");
  await page.getByRole("button", { name: "Add company" }).click();
  await expect(page.locator(".add-company .form-error")).toContainText("already exists");
  await expect(page.getByLabel("Name", { exact: true }).first()).toHaveValue("umbrella works");
  await expect(page.getByLabel("Shown instead of the name otherwise").first()).toHaveValue("typed again");
  await expect(page.getByRole("status")).toHaveCount(0);
  const row = page.locator(".company-list li", { hasText: "Umbrella Works" });
  await expect(row).toContainText("shown as \u201ca mid-sized software company\u201d");
  await row.locator("summary").click();
  await row.getByLabel("Name", { exact: true }).fill("Umbrella Works Group");
  await row.getByLabel("May be named publicly").check();
  await row.getByRole("button", { name: "Save company" }).click();
  await expect(page.locator(".company-list li", { hasText: "Umbrella Works Group" })).toContainText("named publicly");

  // Company aliases (applied by the Patterns import): added, listed, removed.
  await expect(page.locator(".alias-list")).toContainText("\u201cRobert Bosch\u201d \u2192 Robert Bosch GmbH");
  await page.getByLabel("Alias", { exact: true }).fill("Umbrella Inc.");
  await page.getByLabel("Company it names").fill("Umbrella Works Group");
  await page.getByRole("button", { name: "Add alias" }).click();
  const alias = page.locator(".alias-list li", { hasText: "Umbrella Inc." });
  await expect(alias).toContainText("\u201cUmbrella Inc.\u201d \u2192 Umbrella Works Group");
  await alias.getByRole("button", { name: "Remove the alias Umbrella Inc." }).click();
  await expect(alias).toHaveCount(0);
  await expect(page.getByText("Patterns import: left for review")).toBeVisible();

  // The adoption form names no company until one is chosen, and says who adds companies.
  await page.goto("/");
  const id = await page.locator(".column[data-stage=proposed] li.card").first().getAttribute("data-card-id");
  await page.goto(`/cards/${id}`);
  await expect(page.locator(".card-page")).toHaveAttribute("data-hydrated", "true");
  const form = page.locator(".solution").first();
  await form.getByText("Record an adoption").click();
  await expect(form.locator("select[name=company_id]")).toHaveValue("");
  await expect(form).toContainText("Company not in the list? Add it under Companies");

  const visitor = await browser.newPage();
  for (const path of ["/admin/companies", "/admin/users"]) {
    const response = await visitor.goto(path);
    expect(response?.status()).toBe(401);
    await expect(visitor.locator("form.stacked-form")).toHaveCount(0);
    await expect(visitor.getByText("Please sign in")).toBeVisible();
  }
  await visitor.goto(`/cards/${id}`);
  await expect(visitor.getByText("Comments are visible to signed-in members.")).toBeVisible();
  await expect(visitor.getByText("No comments yet.")).toHaveCount(0);
  await visitor.close();
});

test("an admin downloads the whole board from the users page", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/users");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the export" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ispo-board-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const doc = JSON.parse(fs.readFileSync(path, "utf8"));
  expect(doc.format).toBe("ispo-board-export");
  expect(doc.version).toBe(2);
  expect(doc.cards.length).toBeGreaterThan(0);
  expect(JSON.stringify(doc)).not.toContain("argon2");
});
