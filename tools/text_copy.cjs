// What a reader gets from Ctrl+A, Ctrl+C of a saved page in Chromium: the body's
// innerText, the page opened from disk with every network request refused (as offline).
// Used by `tools/eval_pages.py variants --text-copy` for the "text copy" way of saving.
//
// Needs Debian's chromium and playwright-core (`npm install playwright-core` in any
// folder, that folder's node_modules on NODE_PATH).
// Run: NODE_PATH=…/node_modules node tools/text_copy.cjs PAGE.html OUT.txt [PAGE OUT …]
"use strict";
const { chromium } = require("playwright-core");
const { writeFileSync } = require("node:fs");
const { pathToFileURL } = require("node:url");
const { resolve } = require("node:path");

async function main(args) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort());
  for (let i = 0; i + 1 < args.length; i += 2) {
    const page = await context.newPage();
    // A page that never finishes loading is copied as it stands.
    await page.goto(pathToFileURL(resolve(args[i])).href, { waitUntil: "load", timeout: 30000 })
      .catch(() => {});
    const text = await page.evaluate(() => (document.body ? document.body.innerText : ""));
    writeFileSync(args[i + 1], text.replace(/\n/g, "\r\n"), "utf8");
    await page.close();
  }
  await browser.close();
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
