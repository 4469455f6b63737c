/**
 * The CPU time of each step of the last computation of a long read (the period figures, the
 * overview), for the province benchmark (issue 16 item 2: where the baseline cannot be reached, the
 * benchmark shows why — which share of a call is registry work that the activity baseline does not
 * do). `process.cpuUsage()` is the process's time, the reader worker's thread included: the steps
 * run one after the other, so a step's time is what the process spent on it. Costs a microsecond
 * per step; nothing else reads it.
 */

/** The steps of the last computation of each read, in milliseconds of CPU, in the order they ran. */
export const lastPhases: Record<string, Record<string, number>> = {};

/** Starts timing the computation of `name`; `mark(step)` closes a step, `done()` publishes them. */
export function phaseClock(name: string): { mark(step: string): void; done(): void } {
  const steps: Record<string, number> = {};
  let last = process.cpuUsage();
  return {
    mark(step) {
      const now = process.cpuUsage();
      steps[step] = (steps[step] ?? 0) + (now.user - last.user + now.system - last.system) / 1000;
      last = now;
    },
    done() {
      lastPhases[name] = steps;
    },
  };
}
