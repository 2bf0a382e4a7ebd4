// The plan form's fields, shared by the settings page and the change-plan action.
import { z } from "zod";
import { messageKey } from "@/lib/i18n/message";
import { PLANS } from "@/lib/features/plans";

export const changePlanSchema = z.object({
  organizationId: z
    .string()
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, messageKey("features.planForm.unknownOrganization")),
  plan: z.enum(PLANS, { error: messageKey("features.planForm.choosePlan") }),
});

export type ChangePlanInput = z.infer<typeof changePlanSchema>;
