// Guards over every kind of page, as a visitor, a member and an admin: each loads with no
// console error and no uncaught exception and its islands reach their hydrated state
// (document pages: loads no script or WebAssembly at all; followed documents — a card, a
// meeting, an agenda card, a demo — the workflow editor and the account and admin pages:
// only the small follow script, no WebAssembly); passes axe-core
// with no serious or critical violation; and fits a 390 px wide phone screen (with every
// folded section opened) without horizontal scrolling.
import { test, expect, Browser, BrowserContext, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ADMIN, signIn } from "./session";

const MEMBER = { email: "guard-member@example.org", password: "guard member password" };

interface PageKind {
  name: string;
  path: string;
  /** The status a visitor, a member and an admin get. */
  status?: { visitor?: number; member?: number; admin?: number };
  /** A document page: served without the front end (no script, no WebAssembly). */
  document?: boolean;
  /** A followed document, or a page with the follow script's other parts (the workflow
   * editor, the account and admin pages): no WebAssembly, only the follow script. */
  followed?: boolean;
}

type Role = "visitor" | "member" | "admin";

/** Creates the member account through an invitation, as an admin would. */
async function inviteMember(admin: Page, browser: Browser) {
  await admin.goto("/admin/users");
  await admin.getByLabel("Email").fill(MEMBER.email);
  await admin.getByRole("button", { name: "Create invitation link" }).click();
  const path = await admin.locator("a.invitation-link").getAttribute("href");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path!);
  await page.getByLabel("Your name").fill("Gus Guard");
  await page.getByLabel("Choose a password").fill(MEMBER.password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await context.close();
}

/** A meeting with a demo in its queue; returns its path. */
async function makeMeeting(admin: Page): Promise<string> {
  await admin.goto("/meetings");
  await admin.getByRole("button", { name: "Start the meeting" }).click();
  await expect(admin).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const path = new URL(admin.url()).pathname;
  await expect(admin.locator(".meeting-page")).toHaveAttribute("data-hydrated", "true");
  await admin.getByLabel("Solution to demo").selectOption({ index: 1 });
  await admin.getByRole("button", { name: "Add to the queue" }).click();
  await expect(admin.locator(".demo-row")).toHaveCount(1);
  return path;
}

async function pageKinds(admin: Page): Promise<PageKind[]> {
  await admin.goto("/");
  const card = await admin.locator("li.card").first().getAttribute("data-card-id");
  await admin.goto("/catalog?stage=any");
  const slug = await admin.locator(".hit").first().getAttribute("data-slug");
  const meeting = await makeMeeting(admin);
  return [
    { name: "board", path: "/" },
    { name: "card", path: `/cards/${card}`, followed: true },
    { name: "catalogue", path: "/catalog?q=InnerSource&stage=any", document: true },
    { name: "solution", path: `/solutions/${slug}`, document: true },
    { name: "meetings", path: "/meetings", document: true },
    { name: "meeting", path: meeting, followed: true },
    { name: "agenda card", path: `${meeting}/agenda/1`, followed: true },
    { name: "presenter", path: `${meeting}/demos/1`, followed: true },
    { name: "minutes", path: `${meeting}/minutes`, document: true },
    { name: "sign-in", path: "/login", document: true },
    { name: "account", path: "/account", followed: true },
    {
      name: "users",
      path: "/admin/users",
      status: { visitor: 401, member: 403 },
      followed: true,
    },
    {
      name: "companies",
      path: "/admin/companies",
      status: { visitor: 401, member: 403 },
      followed: true,
    },
    {
      name: "workflow editor",
      path: "/admin/workflow",
      status: { visitor: 401, member: 403 },
      followed: true,
    },
    { name: "workflow", path: "/workflow", document: true },
    { name: "ready report", path: "/reports/ready", document: true },
    {
      name: "not found",
      path: "/no-such-page",
      status: { visitor: 404, member: 404, admin: 404 },
      document: true,
    },
  ];
}

/** Loads `kind` and checks it; returns what went wrong, if anything. */
async function check(context: BrowserContext, role: Role, kind: PageKind): Promise<string[]> {
  const problems: string[] = [];
  const expected = kind.status?.[role] ?? 200;
  for (const phone of [false, true]) {
    const page = await context.newPage();
    const where = `${kind.name} (${kind.path}) as ${role}${phone ? " on a phone" : ""}`;
    if (phone) await page.setViewportSize({ width: 390, height: 844 });
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(`uncaught: ${err.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // The browser reports the document's own deliberate error status (404, 403…).
      if (expected !== 200 && message.text().startsWith("Failed to load resource")) return;
      errors.push(`console: ${message.text()}`);
    });
    const frontEnd: string[] = [];
    const scripts: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/pkg/") && /\.(js|wasm)$/.test(path)) frontEnd.push(path);
      if (request.resourceType() === "script") scripts.push(path);
    });
    const response = await page.goto(kind.path);
    if (response?.status() !== expected) {
      problems.push(`${where}: status ${response?.status()}, expected ${expected}`);
    }
    if (kind.document) {
      // A document: no front end is loaded, and no notice says it failed to start.
      await expect(page.locator("html"), where).toHaveAttribute("data-app", "document");
      await page.waitForLoadState("load");
      if (scripts.length > 0) problems.push(`${where}: a document page loaded ${scripts.join(", ")}`);
      await expect(page.locator(".startup-notice"), where).toBeHidden();
      // Nor will one appear later.
      const reveal = await page.locator(".startup-notice").evaluate((el) => getComputedStyle(el).animationName);
      if (reveal !== "none") problems.push(`${where}: the start-up notice is set to appear (${reveal})`);
    } else if (kind.followed) {
      // A followed document: its script started, and it loaded no WebAssembly.
      await expect(page.locator("html"), where).toHaveAttribute("data-app", "started");
      await page.waitForLoadState("load");
      if (frontEnd.length > 0) problems.push(`${where}: a followed document loaded ${frontEnd.join(", ")}`);
      if (scripts.join() !== "/follow.js") problems.push(`${where}: loaded the scripts ${scripts.join(", ")}`);
    } else {
      // Hydrated: the front end started.
      await expect(page.locator("html"), where).toHaveAttribute("data-app", "started");
    }
    // The page's own hydration marker, where it has one.
    const markers = page.locator("[data-hydrated]");
    for (let i = 0; i < (await markers.count()); i++) {
      await expect(markers.nth(i), where).toHaveAttribute("data-hydrated", "true");
    }
    expect(await page.title(), `${where}: the page has a title`).not.toBe("");
    if (phone) {
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      const widths = await page.evaluate(() => ({
        document: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      if (widths.document > widths.viewport) {
        const wide = await page.evaluate(() =>
          Array.from(document.querySelectorAll("body *"))
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
            .join(", "),
        );
        problems.push(`${where}: ${widths.document} px wide on a ${widths.viewport} px screen (${wide})`);
      }
    } else {
      const axe = await new AxeBuilder({ page }).analyze();
      for (const v of axe.violations) {
        if (v.impact === "serious" || v.impact === "critical") {
          const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
          problems.push(`${where}: axe ${v.impact} ${v.id} (${v.help}) at ${targets}`);
        }
      }
    }
    // Late errors (a panic after hydration) count too.
    await page.waitForTimeout(200);
    problems.push(...errors.map((e) => `${where}: ${e}`));
    await page.close();
  }
  return problems;
}

test("every page kind is clean, accessible and fits a phone, for every role", async ({ browser }) => {
  test.setTimeout(300_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await inviteMember(admin, browser);
  const kinds = await pageKinds(admin);

  const visitor = await browser.newContext();
  const memberContext = await browser.newContext();
  await signIn(await memberContext.newPage(), MEMBER);

  const problems: string[] = [];
  for (const [role, context] of [
    ["visitor", visitor],
    ["member", memberContext],
    ["admin", adminContext],
  ] as [Role, BrowserContext][]) {
    for (const kind of kinds) {
      problems.push(...(await check(context, role, kind)));
    }
  }
  expect(problems).toEqual([]);
  await Promise.all([visitor.close(), memberContext.close(), adminContext.close()]);
});

test("an empty demo queue answers 404 with a titled page", async ({ page }) => {
  await signIn(page);
  await page.goto("/meetings");
  await page.getByRole("button", { name: "Start the meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const response = await page.goto(`${new URL(page.url()).pathname}/demos/1`);
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(/not found/i);
  await expect(page.locator("h1")).toContainText("not found");
});

test("the favicon is served", async ({ request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toBe("image/x-icon");
  const svg = await request.get("/favicon.svg");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
});
