// The state of `npm start`'s services (written by its supervisor), for the health endpoint:
// which services run, which are being restarted, and how often each has crashed.
import fs from "node:fs/promises";
import { z } from "zod";

const statusSchema = z.object({
  updatedAt: z.string(),
  services: z.array(
    z.object({
      name: z.string(),
      state: z.enum(["running", "restarting", "stopped"]),
      restarts: z.number().int().min(0),
      lastExit: z
        .object({ at: z.string(), code: z.number().nullable(), signal: z.string().nullable() })
        .nullable(),
    }),
  ),
});

export type ServicesStatus = z.infer<typeof statusSchema>;

/** null when there is no supervisor (a deployment runs each service on its own). */
export async function readServicesStatus(file: string | undefined): Promise<ServicesStatus | null> {
  if (!file) return null;
  try {
    const parsed = statusSchema.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
