// A text for a person, named by its key rather than written in English: the domain (server
// actions, validation, feature rules) says *what* to tell, the caller's language says *how*.
import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { Messages } from "./messages";

export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;
/** A string[] value is said as a list of alternatives ("Copper SB or Commander 2"). */
export type MessageValues = Record<string, string | number | Date | string[]>;

export interface Message {
  key: MessageKey;
  values?: MessageValues;
}

export function msg(key: MessageKey, values?: MessageValues): Message {
  return values ? { key, values } : { key };
}

/** A key where only a string fits (a zod schema's message): typed, so a typo fails the build. */
export function messageKey(key: MessageKey): string {
  return key;
}

/** Text already in the reader's language (zod's own messages, parsed in that language). */
export function verbatim(text: string): Message {
  return { key: "common.verbatim", values: { text } };
}
