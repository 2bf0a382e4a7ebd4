// Local authorisation (OCPP 1.6 §3.5): the Authorization Cache, the Local Authorization List
// and SendLocalList (§5.15). Pure functions over plain data that the charger keeps in flash.
import type { SendLocalListRequest, SendLocalListResponse } from "@plugboard/ocpp16";
import type { AuthorizationData, IdTagInfo } from "./types";

export interface CacheEntry {
  idTag: string;
  idTagInfo: IdTagInfo;
  /** Epoch ms of the last update (eviction order). */
  at: number;
}

export interface LocalList {
  /** Version the Central System gave the list (0 = none received). */
  version: number;
  entries: AuthorizationData[];
}

export const EMPTY_LIST: LocalList = Object.freeze({
  version: 0,
  entries: [] as AuthorizationData[],
});
export const CACHE_CAPACITY = 50;

/** IdTokens are CiString20: compared without regard to case. */
const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** An Accepted entry whose expiryDate has passed counts as Expired (§3.5.1, §3.5.4). */
export function effectiveInfo(info: IdTagInfo, now: number): IdTagInfo {
  if (info.status === "Accepted" && info.expiryDate && Date.parse(info.expiryDate) <= now)
    return { ...info, status: "Expired" };
  return info;
}

export function findInList(list: LocalList, idTag: string): AuthorizationData | undefined {
  return list.entries.find((entry) => sameTag(entry.idTag, idTag));
}

export function findInCache(cache: readonly CacheEntry[], idTag: string): CacheEntry | undefined {
  return cache.find((entry) => sameTag(entry.idTag, idTag));
}

export type LocalAnswer = { source: "list" | "cache"; info: IdTagInfo };

/** The local list has priority over the cache (§3.5.3); either may be disabled. */
export function lookUpLocally(
  idTag: string,
  options: {
    list: LocalList;
    listEnabled: boolean;
    cache: readonly CacheEntry[];
    cacheEnabled: boolean;
  },
  now: number,
): LocalAnswer | undefined {
  if (options.listEnabled) {
    const entry = findInList(options.list, idTag);
    if (entry?.idTagInfo) return { source: "list", info: effectiveInfo(entry.idTagInfo, now) };
  }
  if (options.cacheEnabled) {
    const entry = findInCache(options.cache, idTag);
    if (entry) return { source: "cache", info: effectiveInfo(entry.idTagInfo, now) };
  }
  return undefined;
}

/**
 * Records an IdTagInfo from Authorize/StartTransaction/StopTransaction.conf (§3.5.1). Tags in the
 * local list never enter the cache (§3.5.3). When full: NOT-valid entries go first, then the oldest.
 */
export function updateCache(
  cache: readonly CacheEntry[],
  list: LocalList,
  idTag: string,
  idTagInfo: IdTagInfo,
  now: number,
  capacity = CACHE_CAPACITY,
): CacheEntry[] {
  if (findInList(list, idTag)) return [...cache];
  const others = cache.filter((entry) => !sameTag(entry.idTag, idTag));
  while (others.length >= capacity) {
    const invalid = others.findIndex(
      (entry) => effectiveInfo(entry.idTagInfo, now).status !== "Accepted",
    );
    const oldest = others.reduce((best, entry, i) => (entry.at < others[best]!.at ? i : best), 0);
    others.splice(invalid >= 0 ? invalid : oldest, 1);
  }
  return [...others, { idTag, idTagInfo, at: now }];
}

export type SendLocalListStatus = SendLocalListResponse["status"];

/** §5.15 and §6.41 (errata 3.52: version 0 and -1 are reserved). */
export function applyLocalList(
  list: LocalList,
  request: SendLocalListRequest,
  limits: { maxLength: number; maxPerMessage: number },
): { status: SendLocalListStatus; list: LocalList } {
  const failed = { status: "Failed" as const, list };
  const updates = request.localAuthorizationList ?? [];
  if (request.listVersion <= 0) return failed;
  if (updates.length > limits.maxPerMessage) return failed;
  const tags = updates.map((entry) => entry.idTag.toLowerCase());
  if (new Set(tags).size !== tags.length) return failed; // §6.41: idTags MUST be unique
  if (request.updateType === "Full") {
    if (updates.some((entry) => !entry.idTagInfo)) return failed; // required when Full (§7.1)
    if (updates.length > limits.maxLength) return failed;
    return {
      status: "Accepted",
      list: { version: request.listVersion, entries: updates.map(copyEntry) },
    };
  }
  if (request.listVersion <= reportedVersion(list)) return { status: "VersionMismatch", list };
  let entries = [...list.entries];
  for (const update of updates) {
    entries = entries.filter((entry) => !sameTag(entry.idTag, update.idTag));
    if (update.idTagInfo) entries.push(copyEntry(update)); // absent idTagInfo = delete (§7.1)
  }
  if (entries.length > limits.maxLength) return failed;
  return { status: "Accepted", list: { version: request.listVersion, entries } };
}

/** §5.10: 0 means the list is empty. */
export function reportedVersion(list: LocalList): number {
  return list.entries.length === 0 ? 0 : list.version;
}

/** Tags that are now in the local list leave the cache (§3.5.3). */
export function withoutListedTags(cache: readonly CacheEntry[], list: LocalList): CacheEntry[] {
  return cache.filter((entry) => !findInList(list, entry.idTag));
}

function copyEntry(entry: AuthorizationData): AuthorizationData {
  return entry.idTagInfo
    ? { idTag: entry.idTag, idTagInfo: { ...entry.idTagInfo } }
    : { idTag: entry.idTag };
}
