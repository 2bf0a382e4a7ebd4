// The plan form's fields, shared by the settings page and the change-plan action.
import { z } from "zod";
import { PLANS } from "@/lib/features/plans";

export const changePlanSchema = z.object({
  organizationId: z
    .string()
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, "Unknown organisation."),
  plan: z.enum(PLANS, { error: "Choose Basic, Standard or Business." }),
});

export type ChangePlanInput = z.infer<typeof changePlanSchema>;
