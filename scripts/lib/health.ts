// Waits until a service answers its health endpoint, so services start in order.
export async function waitForHealth(url: string, name: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Waits until the device manager knows every one of these chargers: before that, saving a
 * charger's OCPP settings would be refused ("no such charger"), so the product is not ready.
 */
export async function waitForRegistrations(
  deviceManagerUrl: string,
  token: string,
  serials: string[],
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let missing = [...serials];
  while (missing.length > 0) {
    const known = await Promise.all(
      missing.map(async (serial) => {
        try {
          const response = await fetch(
            `${deviceManagerUrl}/v1/chargers/${encodeURIComponent(serial)}/shadow`,
            { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) },
          );
          await response.arrayBuffer();
          return response.ok;
        } catch {
          return false;
        }
      }),
    );
    missing = missing.filter((_, index) => !known[index]);
    if (missing.length === 0) return;
    if (Date.now() > until)
      throw new Error(
        `${missing.length} charger(s) not registered with the device manager in time`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
