// "Snel weg" (quick exit): leave the site at once when someone walks in.

/**
 * Where quick exit goes: an ordinary, harmless site (weather) that draws no attention.
 * We go there with location.replace(), not assign(): replace() swaps the current history entry
 * instead of adding one, so pressing Back does not bring this site back on screen.
 * It cannot remove entries made before this page; the "Veilig browsen" page says so.
 */
export const QUICK_EXIT_URL = 'https://www.buienradar.nl/';

/** Shift pressed this many times within this window triggers quick exit. */
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 1500;

const clearHandlers = new Set<() => void>();
let exiting = false;

/** Lets app code wipe its in-memory state (form input, chosen language...) on quick exit. */
export function onQuickExit(handler: () => void): () => void {
  clearHandlers.add(handler);
  return () => clearHandlers.delete(handler);
}

export function quickExit(): void {
  if (exiting) return;
  exiting = true;
  // The site stores nothing itself, but another script or an extension on this origin might have.
  try {
    sessionStorage.clear();
  } catch {
    // storage can be disabled; nothing to clear then
  }
  try {
    localStorage.clear();
  } catch {
    // idem
  }
  for (const handler of clearHandlers) {
    try {
      handler();
    } catch {
      // never let a failing handler stop the exit
    }
  }
  clearHandlers.clear();
  // Blank the screen now: loading the next site can take seconds on a slow phone.
  document.title = 'Buienradar';
  document.body.replaceChildren();
  document.documentElement.className = '';
  window.location.replace(QUICK_EXIT_URL);
}

/** Escape, or Shift three times in quick succession, triggers quick exit anywhere on the page. */
export function installQuickExitKeys(target: Window = window): () => void {
  let shiftTimes: number[] = [];
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      quickExit();
      return;
    }
    if (event.key !== 'Shift' || event.repeat) {
      if (event.key !== 'Shift') shiftTimes = [];
      return;
    }
    const now = event.timeStamp || performance.now();
    shiftTimes = [...shiftTimes.filter((t) => now - t <= SHIFT_WINDOW_MS), now];
    if (shiftTimes.length >= SHIFT_PRESSES) quickExit();
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
