"use server";

import "server-only";
import { turnOffTwoStep } from "@/lib/account/two-step";
import { serverAction } from "../server";

export const turnOffTwoStepAction = serverAction(turnOffTwoStep);
