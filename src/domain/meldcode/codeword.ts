/**
 * The pharmacy codeword "Masker 19" (from 1 May 2020): a victim says the codeword, or hands a
 * note, at the counter. Three paths; every use is counted (date, region, path) because the
 * national evaluation had no figures.
 */
export const CODEWORD_PATHS = ['alleen', 'begeleid', 'acuut'] as const;
export type CodewordPath = (typeof CODEWORD_PATHS)[number];

export const VEILIG_THUIS_PHONE = '0800-2000';

export interface CodewordAction {
  /** Call 112 now (acute danger). */
  call112: boolean;
  /** Call Veilig Thuis now, together with the person, in a private room. */
  callTogetherNow: boolean;
  /** Note a safe moment to contact the person; the pharmacist contacts Veilig Thuis afterwards. */
  safeContactMoment: boolean;
  /** Whether an (anonymous) advice is registered with Veilig Thuis for this use. */
  registersAdvice: boolean;
}

export function codewordAction(path: CodewordPath): CodewordAction {
  switch (path) {
    case 'acuut':
      // 112 first: no registration may hold up the call; Veilig Thuis hears from the police.
      return { call112: true, callTogetherNow: false, safeContactMoment: false, registersAdvice: false };
    case 'alleen':
      return { call112: false, callTogetherNow: true, safeContactMoment: false, registersAdvice: true };
    case 'begeleid':
      // Whoever came along may be the perpetrator: nothing visible happens at the counter now.
      return { call112: false, callTogetherNow: false, safeContactMoment: true, registersAdvice: true };
  }
}
