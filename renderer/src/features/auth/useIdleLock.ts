/**
 * Calls `onIdle` once the person has given no input (keys, mouse, touch, wheel) for `minutes`.
 * Input only stamps the time; one timer is aimed at the moment the idle time would end and, when it
 * fires early because input came meanwhile, is aimed again. Uses Date.now and setTimeout only, so
 * Playwright's clock (page.clock) can fast-forward it. `onActive` is called on input at most once
 * a minute (the backend keeps its own idle timer, reset by auth.touch).
 */
import { useEffect, useRef } from 'react';

const INPUT_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;

const ACTIVE_EVERY_MS = 60_000;

export function useIdleLock(minutes: number | null, onIdle: () => void, onActive: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  const onActiveRef = useRef(onActive);
  onActiveRef.current = onActive;

  useEffect(() => {
    if (minutes === null || minutes <= 0) return;
    const idleMs = minutes * 60_000;
    let last = Date.now();
    let told = last;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fired = false;

    const aim = () => {
      clearTimeout(timer);
      timer = setTimeout(check, Math.max(0, last + idleMs - Date.now()));
    };
    const check = () => {
      if (fired) return;
      if (Date.now() - last >= idleMs) {
        fired = true;
        onIdleRef.current();
      } else aim();
    };
    const stamp = () => {
      last = Date.now();
      if (last - told >= ACTIVE_EVERY_MS) {
        told = last;
        onActiveRef.current();
      }
    };

    for (const e of INPUT_EVENTS) window.addEventListener(e, stamp, { passive: true, capture: true });
    aim();
    return () => {
      clearTimeout(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, stamp, { capture: true });
    };
  }, [minutes]);
}
