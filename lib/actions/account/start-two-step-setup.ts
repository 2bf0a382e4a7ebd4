"use server";

import "server-only";
import { startTwoStepSetup } from "@/lib/account/two-step";
import { serverAction } from "../server";

export const startTwoStepSetupAction = serverAction(startTwoStepSetup);
