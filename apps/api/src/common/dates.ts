/** ISO 8601 UTC for the wire; null stays null. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export const isPast = (d: Date | null | undefined, now = new Date()): boolean => Boolean(d && d.getTime() <= now.getTime());

export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * 86_400_000);
