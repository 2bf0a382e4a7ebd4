// Renders the PNG icons of public/ from public/icon.svg in Debian's Chromium (run it after
// changing the SVG: `npx tsx scripts/render-icons.ts`).
import fs from "node:fs";
import { chromium } from "@playwright/test";

const SIZES: Array<[file: string, size: number]> = [
  ["icon-192.png", 192],
  ["icon-512.png", 512],
  ["apple-touch-icon.png", 180],
  ["favicon-32.png", 32],
];

async function main(): Promise<void> {
  const svg = fs.readFileSync("public/icon.svg", "utf8");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  for (const [file, size] of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0">${sized}</body></html>`);
    await page.screenshot({ path: `public/${file}`, omitBackground: true });
    await page.close();
    console.log(`public/${file} (${size}×${size})`);
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
