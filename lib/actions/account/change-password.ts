"use server";

import "server-only";
import { changePassword } from "@/lib/account/change-password";
import { serverAction } from "../server";

export const changePasswordAction = serverAction(changePassword);
