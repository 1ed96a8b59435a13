import fs from 'node:fs';

// CPU time per operation, split by process: the server, PostgreSQL's backends, this process (the load generator,
// or the raw floor's loop) and the rest of the machine. On two cores every figure is CPU-bound, and CPU per
// operation is what the rates divide into; it also varies less than the rates when something else runs. Linux only
// (/proc); meaningful only on a machine that does nothing else.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Reading {
  machineMs: number;
  serverMs: number;
  postgresMs: number;
  selfMs: number;
  at: number;
}

export interface CpuPerOperation {
  /** µs of busy CPU per operation: all processes. */
  machine: number;
  server: number;
  postgres: number;
  /** This process: autocannon for the HTTP runs, the loop itself for the raw floor. */
  self: number;
}

/** Starts measuring; `perOperation(rate)` gives the CPU per operation since, at `rate` operations a second. */
export function startCpuMeter(serverPid?: number): { perOperation(rate: number): CpuPerOperation } {
  const before = read(serverPid);
  return {
    perOperation(rate) {
      const after = read(serverPid);
      const operations = (rate * (after.at - before.at)) / 1000;
      const per = (ms: number) => (operations === 0 ? 0 : Math.round((ms * 1000) / operations));
      return {
        machine: per(after.machineMs - before.machineMs),
        server: per(after.serverMs - before.serverMs),
        postgres: per(after.postgresMs - before.postgresMs),
        self: per(after.selfMs - before.selfMs),
      };
    },
  };
}

export const describeCpu = (c: CpuPerOperation): string =>
  `CPU µs per operation: machine ${c.machine} (server ${c.server}, PostgreSQL ${c.postgres}, this process ${c.self})`;

function read(serverPid: number | undefined): Reading {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  const usage = process.cpuUsage();
  return {
    machineMs: ticksToMs(user + nice + system + irq + softirq + steal),
    serverMs: serverPid === undefined ? 0 : processMs(serverPid),
    postgresMs: postgresMs(),
    selfMs: (usage.user + usage.system) / 1000,
    at: performance.now(),
  };
}

const ticksToMs = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;

/** utime + stime of a process, in ms; 0 when it is gone. */
function processMs(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count the fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ticksToMs(Number(fields[11]) + Number(fields[12]));
  } catch {
    return 0;
  }
}

/** Every PostgreSQL process on the machine: the backends of the connections, the WAL writer, the checkpointer. */
function postgresMs(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += processMs(pid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}
