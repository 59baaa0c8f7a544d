import { amsterdamInstant } from '../deadlines/amsterdam-time.ts';
import { addWorkingDays } from '../deadlines/working-days.ts';

/**
 * Handle with Care (003, 004): after the police were at a home for a violent incident, the child's
 * school hears by the next school morning that the child may need extra care. "School morning":
 * 08:00 Amsterdam time on the next working day after the incident (weekends and public holidays
 * are no school days; school holidays differ per region and are not modelled).
 */
export const SCHOOL_MORNING = '08:00:00.000';

export function schoolMorningAfter(incidentOn: string): Date {
  return amsterdamInstant(addWorkingDays(incidentOn, 1), SCHOOL_MORNING);
}
