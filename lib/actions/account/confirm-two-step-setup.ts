"use server";

import "server-only";
import { confirmTwoStepSetup } from "@/lib/account/two-step";
import { serverAction } from "../server";

export const confirmTwoStepSetupAction = serverAction(confirmTwoStepSetup);
