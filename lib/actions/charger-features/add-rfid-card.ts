"use server";

import { addRfidCard } from "@/lib/charger-features/rfid-cards";
import { serverAction } from "../server";

export const addRfidCardAction = serverAction(addRfidCard);
