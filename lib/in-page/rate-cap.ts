/**
 * At most `max` takes per sliding `windowMs`: how many mutation rescans a page
 * gets, so a page that reacts to our work (or churns forever) cannot keep us
 * busy. Extra work waits for the next window instead of being dropped.
 */
export interface RateCap {
  /** Takes one slot when one is free. */
  take(): boolean;
  /** Milliseconds until a slot frees up (0 when one is free now). */
  wait(): number;
}

export function createRateCap(max: number, windowMs: number, now: () => number = () => performance.now()): RateCap {
  const taken: number[] = [];
  const expire = () => {
    const t = now();
    while (taken.length > 0 && t - taken[0] >= windowMs) taken.shift();
    return t;
  };
  return {
    take() {
      const t = expire();
      if (taken.length >= max) return false;
      taken.push(t);
      return true;
    },
    wait() {
      const t = expire();
      return taken.length < max ? 0 : Math.max(0, taken[0] + windowMs - t);
    },
  };
}
