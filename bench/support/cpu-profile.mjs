// One CPU-profile session of this isolate (node:inspector) for the bench's profiling scripts
// (overview-loop, profile-period, profile-savemany): the session, the profiler enabled at a sampling
// interval, and start / stop / close. Worker threads are other isolates and are not in the profile.
import inspector from 'node:inspector';

/**
 * A connected profiler sampling every `intervalUs` microseconds, or null when `enabled` is falsy (the
 * scripts pass their PROFILE… variable). `stop()` resolves to the .cpuprofile object of the samples
 * since the last `start()`.
 */
export async function cpuProfiler(enabled, intervalUs = 200) {
  if (!enabled) return null;
  const session = new inspector.Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (err, value) => (err ? reject(err) : resolve(value))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  return {
    start: () => post('Profiler.start'),
    stop: async () => (await post('Profiler.stop')).profile,
    close: () => session.disconnect(),
  };
}
