// What a benchmark process has used, as the benchmarks print it.

/** CPU time (user + system, every thread) in milliseconds. */
export const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/** This process's peak RSS in bytes: the kernel's own peak, so no sampling timer misses one. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
