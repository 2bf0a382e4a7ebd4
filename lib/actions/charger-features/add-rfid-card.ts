"use server";

import "server-only";
import { addRfidCard } from "@/lib/charger-features/rfid-cards";
import { serverAction } from "../server";

export const addRfidCardAction = serverAction(addRfidCard);
