// Human-readable times and labels shared by pages.
const NETWORK_LABELS = { wifi: "Wi-Fi", ethernet: "Ethernet", mobile: "Mobile (4G)" } as const;

export function networkLabel(network: keyof typeof NETWORK_LABELS): string {
  return NETWORK_LABELS[network];
}

export function formatAge(date: Date | null, now = new Date()): string {
  if (!date) return "Never";
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function formatDateTime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 19) + " UTC";
}
