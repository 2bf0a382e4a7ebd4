"use server";

import "server-only";
import { removeRfidCard } from "@/lib/charger-features/rfid-cards";
import { serverAction } from "../server";

export const removeRfidCardAction = serverAction(removeRfidCard);
