// A webhook receiver on 127.0.0.1 for the specs (the servers run with
// PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE=1), and adding an endpoint through /settings/webhooks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import { toast } from "./toast";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url(path: string): string;
  received: Received[];
  /** The status each next request gets; 204 once the list is empty. */
  answers: number[];
  close(): void;
}

export async function startWebhookReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers as Record<string, string>,
        body,
      });
      response.statusCode = answers.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    answers,
    close: () => server.close(),
  };
}

/** Adds an endpoint for these events (their labels on the form); answers its secret. */
export async function addWebhookEndpoint(
  page: Page,
  url: string,
  events: string[],
): Promise<string> {
  await page.goto("/settings/webhooks");
  const form = page.getByRole("region", { name: "New endpoint" });
  await form.getByLabel("URL").fill(url);
  // A new endpoint's form starts with "Charger status changed" ticked.
  for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
  for (const event of events) await form.getByRole("checkbox", { name: event }).check();
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(toast(page, /Endpoint added/)).toBeVisible();
  const secret = await page.getByTestId("webhook-secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  return secret;
}
