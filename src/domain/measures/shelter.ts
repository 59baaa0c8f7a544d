/**
 * Shelter places (vrouwenopvang): each shelter publishes its regular and crisis places and how many
 * are occupied; anyone in the chain with access sees the free places of every region, because
 * regions must arrange overflow to each other (seed 000). A place can be held for a few hours while
 * a victim travels; a hold that is not used expires by itself.
 */
export const PLACE_KINDS = ['regulier', 'crisis'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const HOLD_HOURS = 4;
export const HOLD_OUTCOMES = ['aangekomen', 'vrijgegeven'] as const;

export interface Capacity {
  places: number;
  occupied: number;
  /** Holds that are neither used, released nor expired. */
  held: number;
}

export function freePlaces(c: Capacity): number {
  return Math.max(0, c.places - c.occupied - c.held);
}

export function holdUntil(from: Date, hours: number = HOLD_HOURS): Date {
  return new Date(from.getTime() + hours * 3600_000);
}

export type CapacityRefusal = 'occupied_above_places' | 'negative';

export function capacityRefusal(places: number, occupied: number): CapacityRefusal | null {
  if (places < 0 || occupied < 0) return 'negative';
  return occupied > places ? 'occupied_above_places' : null;
}
