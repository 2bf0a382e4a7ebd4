"use server";

import "server-only";
import { signOutEverywhere } from "@/lib/account/sign-out-everywhere";
import { serverAction } from "../server";

export const signOutEverywhereAction = serverAction(signOutEverywhere);
